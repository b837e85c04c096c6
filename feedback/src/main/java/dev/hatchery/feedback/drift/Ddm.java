package dev.hatchery.feedback.drift;

/**
 * The Drift Detection Method (Gama et al. 2004). Under a stable concept the error rate {@code p}
 * of a learner falls or holds; with {@code s = sqrt(p(1-p)/n)} it remembers where {@code p + s}
 * was lowest and warns, then signals a drift, when {@code p + s} climbs
 * {@code warningLevel} then {@code driftLevel} standard deviations above that minimum.
 *
 * <p>Its {@link #statistic()} is that distance in standard deviations, {@code (p + s - pMin) / sMin},
 * compared with {@code driftLevel}; it is 0 until {@code minInstances} outcomes have been seen.
 */
public final class Ddm implements DriftDetector {

    private final DdmSettings settings;
    private long n;
    private double p;
    private double pMin;
    private double sMin;
    private double statistic;

    public Ddm(DdmSettings settings) {
        this.settings = settings;
        reset();
    }

    @Override
    public DetectorState update(boolean error) {
        n++;
        p += ((error ? 1.0 : 0.0) - p) / n;
        double s = Math.sqrt(p * (1 - p) / n);
        if (n < settings.minInstances()) {
            return DetectorState.STABLE;
        }
        if (p + s <= pMin + sMin) {
            pMin = p;
            sMin = s;
        }
        // sMin is 0 only while no error has been seen, when p + s cannot exceed the minimum either.
        statistic = sMin > 0 ? (p + s - pMin) / sMin : 0;
        if (p + s > pMin + settings.driftLevel() * sMin) {
            return DetectorState.DRIFT;
        }
        if (p + s > pMin + settings.warningLevel() * sMin) {
            return DetectorState.WARNING;
        }
        return DetectorState.STABLE;
    }

    @Override
    public void reset() {
        n = 0;
        p = 0;
        pMin = Double.MAX_VALUE / 4;
        sMin = Double.MAX_VALUE / 4;
        statistic = 0;
    }

    @Override
    public double errorRate() {
        return p;
    }

    @Override
    public String name() {
        return "DDM";
    }

    @Override
    public double statistic() {
        return statistic;
    }
}
