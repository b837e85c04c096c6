package dev.hatchery.feedback.drift;

/**
 * ADWIN2, the adaptive window of Bifet and Gavaldà ("Learning from time-changing data with
 * adaptive windowing", SIAM International Conference on Data Mining, 2007). It keeps a window
 * of the latest outcomes, as long as no split of it into an older part {@code W0} and a newer part
 * {@code W1} has means that differ by more than
 * <pre>
 * eps_cut = sqrt(2/m * var_W * ln(2/delta')) + 2/(3m) * ln(2/delta'),
 * m = 1 / (1/n0 + 1/n1),  delta' = delta / ln(n)
 * </pre>
 * (the paper's variance-based bound; {@code m} is half the harmonic mean of the two lengths,
 * {@code var_W} the variance of the window, {@code n} its length). On such a split it drops the
 * oldest outcomes until none is left.
 *
 * <p>The window is compressed into an exponential histogram: rows of buckets of 1, 2, 4, ...
 * outcomes, at most {@code M} per row, each with its sum and variance, so memory and the time of
 * a check grow as {@code M log W}. Splits are tried at bucket borders only, every {@code clock}
 * outcomes.
 *
 * <p>A shrinking window means the mean changed either way; only a cut where the newer part has
 * the higher error rate is reported as {@link DetectorState#DRIFT}. A fall of the error rate
 * still shrinks the window, so the estimate follows it, but is no reason to retrain. ADWIN has
 * no warning: it says STABLE or DRIFT.
 *
 * <p>Its {@link #statistic()} is, at the last check, the largest {@code (mean(W1) - mean(W0)) / eps_cut}
 * over the splits, so the threshold is 1.
 */
public final class Adwin implements DriftDetector {

    /** Rows for windows of up to 2^62 outcomes: enough for any stream. */
    private static final int ROWS = 63;

    private final AdwinSettings settings;
    /** Per row, oldest bucket first: sums of the outcomes and sums of squared deviations. */
    private final double[][] sums;
    private final double[][] squares;
    private final int[] counts;
    private int rows;
    private long width;
    private double total;
    private double totalSquares;
    private long sinceCheck;
    private double statistic;

    public Adwin(AdwinSettings settings) {
        this.settings = settings;
        this.sums = new double[ROWS][settings.bucketsPerRow() + 1];
        this.squares = new double[ROWS][settings.bucketsPerRow() + 1];
        this.counts = new int[ROWS];
        reset();
    }

    @Override
    public DetectorState update(boolean error) {
        add(error ? 1 : 0);
        if (++sinceCheck < settings.clock()) {
            return DetectorState.STABLE;
        }
        sinceCheck = 0;
        return shrink() ? DetectorState.DRIFT : DetectorState.STABLE;
    }

    private void add(double x) {
        width++;
        double before = width == 1 ? 0 : total / (width - 1);
        total += x;
        totalSquares += (x - before) * (x - total / width);
        append(0, x, 0);
        for (int row = 0; counts[row] > settings.bucketsPerRow(); row++) {
            // Two buckets of 2^row outcomes each: sum of squares of the union by Chan's formula.
            double size = Math.scalb(1.0, row);
            double difference = sums[row][0] / size - sums[row][1] / size;
            double merged = squares[row][0] + squares[row][1] + size / 2 * difference * difference;
            double mergedSum = sums[row][0] + sums[row][1];
            removeOldest(row, 2);
            append(row + 1, mergedSum, merged);
        }
    }

    private void append(int row, double sum, double square) {
        sums[row][counts[row]] = sum;
        squares[row][counts[row]] = square;
        counts[row]++;
        rows = Math.max(rows, row + 1);
    }

    private void removeOldest(int row, int how) {
        int left = counts[row] - how;
        System.arraycopy(sums[row], how, sums[row], 0, left);
        System.arraycopy(squares[row], how, squares[row], 0, left);
        counts[row] = left;
        while (rows > 0 && counts[rows - 1] == 0) {
            rows--;
        }
    }

    /** Drops the oldest buckets while a split shows a change; true if one showed a rise. */
    private boolean shrink() {
        boolean rose = false;
        boolean first = true;
        int cut;
        while ((cut = findCut(first)) != 0) {
            rose |= cut > 0;
            first = false;
            dropOldest();
        }
        return rose;
    }

    /**
     * Tries every split at a bucket border, oldest first: +1 if one shows a rise beyond
     * {@code eps_cut}, -1 a fall, 0 none. On the first pass of a check it records the statistic.
     */
    private int findCut(boolean recordStatistic) {
        if (width < 2) {
            return 0;
        }
        double variance = totalSquares / width;
        double logTerm = Math.log(2 * Math.log(width) / settings.delta());
        double largest = Double.NEGATIVE_INFINITY;
        long n0 = 0;
        double sum0 = 0;
        int found = 0;
        for (int row = rows - 1; row >= 0 && found == 0; row--) {
            long size = 1L << row;
            for (int i = 0; i < counts[row]; i++) {
                n0 += size;
                sum0 += sums[row][i];
                long n1 = width - n0;
                if (n1 == 0) {
                    break;
                }
                double rise = (total - sum0) / n1 - sum0 / n0;
                double m = 1 / (1.0 / n0 + 1.0 / n1);
                double eps = Math.sqrt(2 / m * variance * logTerm) + 2 / (3 * m) * logTerm;
                largest = Math.max(largest, rise / eps);
                if (Math.abs(rise) > eps) {
                    found = rise > 0 ? 1 : -1;
                    break;
                }
            }
        }
        if (recordStatistic) {
            statistic = largest == Double.NEGATIVE_INFINITY ? 0 : largest;
        }
        return found;
    }

    private void dropOldest() {
        int row = rows - 1;
        double size = Math.scalb(1.0, row);
        double sum = sums[row][0];
        double square = squares[row][0];
        removeOldest(row, 1);
        long rest = width - (long) size;
        if (rest == 0) {
            width = 0;
            total = 0;
            totalSquares = 0;
            return;
        }
        double difference = sum / size - (total - sum) / rest;
        totalSquares -= square + size * rest / width * difference * difference;
        totalSquares = Math.max(totalSquares, 0);
        total -= sum;
        width = rest;
    }

    @Override
    public void reset() {
        for (int row = 0; row < ROWS; row++) {
            counts[row] = 0;
        }
        rows = 0;
        width = 0;
        total = 0;
        totalSquares = 0;
        sinceCheck = 0;
        statistic = 0;
    }

    /** How many of the latest outcomes the window holds. */
    public long width() {
        return width;
    }

    @Override
    public double errorRate() {
        return width == 0 ? 0 : total / width;
    }

    @Override
    public String name() {
        return "ADWIN";
    }

    @Override
    public double statistic() {
        return statistic;
    }
}
