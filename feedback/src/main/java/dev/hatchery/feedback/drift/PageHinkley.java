package dev.hatchery.feedback.drift;

/**
 * The Page-Hinkley test (E. S. Page, "Continuous inspection schemes", Biometrika 41, 1954), a
 * sequential test for a rise in the mean, as used to detect concept drift (Gama, Sebastião and
 * Rodrigues, "On evaluating stream learning algorithms", Machine Learning 90, 2013). With
 * {@code x_t} 1 for an error and {@code mean_t} the mean of {@code x_1..x_t}, it keeps
 * {@code m_T = sum (x_t - mean_t - delta)} and its minimum {@code M_T}; {@code PH_T = m_T - M_T}
 * is how far the sum has climbed since its lowest point, and it signals a drift when that passes
 * {@code lambda}. It watches rises only: a falling error rate pulls {@code m_T} down.
 *
 * <p>Its {@link #statistic()} is {@code PH_T}, compared with {@code lambda}.
 */
public final class PageHinkley implements DriftDetector {

    private final PageHinkleySettings settings;
    private long n;
    private double mean;
    private double sum;
    private double minSum;

    public PageHinkley(PageHinkleySettings settings) {
        this.settings = settings;
        reset();
    }

    @Override
    public DetectorState update(boolean error) {
        double x = error ? 1 : 0;
        n++;
        mean += (x - mean) / n;
        sum = settings.alpha() * sum + (x - mean - settings.delta());
        minSum = Math.min(minSum, sum);
        if (n < settings.minInstances()) {
            return DetectorState.STABLE;
        }
        double ph = sum - minSum;
        if (ph > settings.lambda()) {
            return DetectorState.DRIFT;
        }
        return ph > settings.warningFraction() * settings.lambda() ? DetectorState.WARNING : DetectorState.STABLE;
    }

    @Override
    public void reset() {
        n = 0;
        mean = 0;
        sum = 0;
        minSum = 0;
    }

    @Override
    public double errorRate() {
        return mean;
    }

    @Override
    public String name() {
        return "PH";
    }

    @Override
    public double statistic() {
        return sum - minSum;
    }
}
