package dev.hatchery.feedback.drift;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the Page-Hinkley test (Page 1954) as used for concept drift (Gama, Sebastião and
 * Rodrigues 2013).
 *
 * @param minInstances    outcomes before it may warn or signal (30, as in the usual setups): the
 *                        running mean it subtracts is too rough before
 * @param delta           the change in error rate it tolerates, subtracted from every deviation
 *                        (0.005); it makes the cumulative sum fall on a stable stream, so that
 *                        noise alone rarely climbs {@code lambda} above its minimum
 * @param lambda          the drift threshold on {@code PH = m - M} (50). A rise of the error rate
 *                        by {@code d} adds about {@code d - delta} per outcome, so a rise of 0.2
 *                        takes about 250 outcomes to show. On a stable stream PH is a random walk
 *                        reflected at 0 with drift {@code -delta} and variance {@code p(1-p)}; its
 *                        mean time to pass 50 is ~450,000 outcomes at p = 0.1 but ~60,000 at
 *                        p = 0.2, so where errors are that common raise {@code delta} or this
 * @param warningFraction a warning when {@code PH} passes this fraction of {@code lambda} (0.5; the
 *                        test has no warning of its own, half the threshold is our choice)
 * @param alpha           forgetting factor of the cumulative sum, 1 for none (the default, as in
 *                        Page's test). With the often used {@code 1 - 0.0001} the faded sum hovers
 *                        near {@code -delta / (1 - alpha) = -50} with a standard deviation of about
 *                        {@code sqrt(p(1-p) / (2(1 - alpha)))}, 21 at p = 0.1, so its excursions
 *                        above its own minimum pass 50 on a stable stream: measured, 19 of 20 runs
 *                        of 100,000 outcomes at p = 0.1 raised a false drift
 */
public record PageHinkleySettings(int minInstances, double delta, double lambda, double warningFraction, double alpha)
        implements DetectorSettings {

    public static final PageHinkleySettings DEFAULTS = new PageHinkleySettings(30, 0.005, 50, 0.5, 1.0);

    public PageHinkleySettings {
        List<String> problems = new ArrayList<>();
        if (minInstances < 1) {
            problems.add("minInstances must be 1 or more, got " + minInstances);
        }
        if (!(delta >= 0 && delta < 1)) {
            problems.add("delta must be at least 0 and below 1, got " + delta);
        }
        if (!(lambda > 0 && Double.isFinite(lambda))) {
            problems.add("lambda must be above 0 and finite, got " + lambda);
        }
        if (!(warningFraction > 0 && warningFraction < 1)) {
            problems.add("warningFraction must be between 0 and 1, got " + warningFraction);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            problems.add("alpha must be above 0 and at most 1 (1 for no forgetting), got " + alpha);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid Page-Hinkley settings: " + String.join("; ", problems));
        }
    }

    @Override
    public DriftDetector newDetector() {
        return new PageHinkley(this);
    }

    @Override
    public String kind() {
        return "page-hinkley";
    }
}
