package dev.hatchery.feedback.drift;

/**
 * HDDM_A, the drift detector on moving averages of Frías-Blanco, del Campo-Ávila, Ramos-Jiménez,
 * Morales-Bueno, Ortiz-Díaz and Caballero-Mota ("Online and non-parametric drift detection
 * methods based on Hoeffding's bounds", IEEE TKDE 27(3), 2015), one-sided: it looks for a rise
 * of the error rate only.
 *
 * <p>With {@code Z} the mean of all {@code n} outcomes so far, it keeps a cut point {@code c}:
 * the prefix whose mean {@code X} plus its Hoeffding bound {@code sqrt(ln(1/alpha) / 2c)} is the
 * lowest seen, the best estimate of the error rate before any rise. Hoeffding's inequality for
 * the difference of the two nested averages then bounds, for values in [0, 1],
 * {@code P(Z - X >= eps) <= alpha} when the mean has not risen, with
 * {@code eps = sqrt((n - c) / (2 c n) * ln(1/alpha))}; it warns when {@code Z - X} reaches the
 * bound at the warning confidence and signals a drift at the drift confidence.
 *
 * <p>Its {@link #statistic()} is {@code (Z - X) / eps} at the drift confidence, so that the
 * threshold is 1; it is 0 while the cut point is the latest outcome.
 */
public final class HddmA implements DriftDetector {

    private final double logDrift;
    private final double logWarning;
    private long n;
    private double sum;
    private long cutN;
    private double cutSum;
    private double statistic;

    public HddmA(HddmASettings settings) {
        this.logDrift = Math.log(1 / settings.driftConfidence());
        this.logWarning = Math.log(1 / settings.warningConfidence());
        reset();
    }

    @Override
    public DetectorState update(boolean error) {
        n++;
        sum += error ? 1 : 0;
        if (cutN == 0 || upperBound(sum, n) <= upperBound(cutSum, cutN)) {
            cutN = n;
            cutSum = sum;
        }
        if (cutN == n) {
            statistic = 0;
            return DetectorState.STABLE;
        }
        double rise = sum / n - cutSum / cutN;
        double spread = (double) (n - cutN) / (2.0 * cutN * n);
        statistic = rise / Math.sqrt(spread * logDrift);
        if (statistic >= 1) {
            return DetectorState.DRIFT;
        }
        return rise >= Math.sqrt(spread * logWarning) ? DetectorState.WARNING : DetectorState.STABLE;
    }

    /** The mean of the first {@code count} outcomes plus Hoeffding's bound at the drift confidence. */
    private double upperBound(double total, long count) {
        return total / count + Math.sqrt(logDrift / (2.0 * count));
    }

    @Override
    public void reset() {
        n = 0;
        sum = 0;
        cutN = 0;
        cutSum = 0;
        statistic = 0;
    }

    @Override
    public double errorRate() {
        return n == 0 ? 0 : sum / n;
    }

    @Override
    public String name() {
        return "HDDM-A";
    }

    @Override
    public double statistic() {
        return statistic;
    }
}
