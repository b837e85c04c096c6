package dev.hatchery.feedback.datadrift;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How recent feature rows are checked against a version's training reference.
 *
 * @param window       how many of the most recent scored events are compared (1,000: enough for PSI's
 *                     ten bins to hold about 100 events each, and a Kolmogorov-Smirnov critical value
 *                     of 0.052 to 0.073 (for 1,000 training rows or far more), so a shift of a quarter
 *                     of a standard deviation of a normal feature, D about 0.1, is caught)
 * @param psiThreshold a feature drifted if its PSI is above this (0.25, the usual "significant
 *                     shift"; 0.1 to 0.25 is usually read as moderate and left to dashboards)
 * @param ksAlpha      a feature drifted if its Kolmogorov-Smirnov statistic is above the critical value
 *                     at this level (0.01). It holds per feature and per check: with 20 features the
 *                     chance that some stable feature is flagged at one check is up to about 18%, and
 *                     checks over overlapping windows repeat it; PSI, with its fixed threshold, is the
 *                     steadier of the two tests
 * @param minEvents    no check before the window holds this many events (500: half the window, so a
 *                     new version is checked early without trusting a handful of events)
 * @param checkEvery   check once every this many events (500: each check then sees half new events,
 *                     and the cost, a sort of the window per feature, is paid rarely)
 * @param ignoredFeatures features of any model that are never compared: those that move by nature,
 *                     such as a time stamp or a counter, would be flagged at every check
 */
public record DataDriftSettings(int window, double psiThreshold, double ksAlpha, int minEvents, int checkEvery,
        List<String> ignoredFeatures) implements Serializable {

    public static final DataDriftSettings DEFAULTS = new DataDriftSettings(1_000, 0.25, 0.01, 500, 500);

    /** Every feature compared. */
    public DataDriftSettings(int window, double psiThreshold, double ksAlpha, int minEvents, int checkEvery) {
        this(window, psiThreshold, ksAlpha, minEvents, checkEvery, List.of());
    }

    public DataDriftSettings {
        ignoredFeatures = List.copyOf(ignoredFeatures);
        List<String> problems = new ArrayList<>();
        if (window < 1) {
            problems.add("window must be 1 or more, got " + window);
        }
        if (!(psiThreshold > 0 && Double.isFinite(psiThreshold))) {
            problems.add("psiThreshold must be a finite number above 0 (0.25 is usual), got " + psiThreshold);
        }
        if (!(ksAlpha > 0 && ksAlpha < 1)) {
            problems.add("ksAlpha must be in (0, 1) (0.01 is usual), got " + ksAlpha);
        }
        if (minEvents < 1 || minEvents > window) {
            problems.add("minEvents must be 1 to window (" + window + "), got " + minEvents);
        }
        if (checkEvery < 1) {
            problems.add("checkEvery must be 1 or more, got " + checkEvery);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid data drift settings: " + String.join("; ", problems));
        }
    }
}
