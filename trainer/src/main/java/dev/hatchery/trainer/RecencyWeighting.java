package dev.hatchery.trainer;

import java.util.Random;

/**
 * How much more a model should learn from recent rows than from old ones, so that after a
 * concept drift the new concept outweighs the old before the window has rolled past it.
 * Row {@code i} of {@code n} (oldest first) weighs {@code 0.5^((n-1-i)/halfLifeRows)}: the
 * newest row 1, a row {@code halfLifeRows} older ½.
 *
 * <p>No fit of Smile 6.3 that Hatchery uses takes per-row weights (random forest only class
 * weights; gradient boosting, logistic regression and {@code DecisionTree.fit} none), so the
 * weights are realised by resampling: {@link #resample} draws as many rows as it is given, each
 * row about {@code n · weight / Σweights} times.
 *
 * @param halfLifeRows rows after which a row's weight halves; 0 turns weighting off
 */
public record RecencyWeighting(int halfLifeRows) {

    public static final RecencyWeighting DEFAULTS = new RecencyWeighting(0);

    public RecencyWeighting {
        if (halfLifeRows < 0) {
            throw new IllegalArgumentException("Invalid recency half-life: " + halfLifeRows
                    + " rows (0 to weigh every row alike, or 1 or more)");
        }
    }

    public boolean enabled() {
        return halfLifeRows > 0;
    }

    /** The weight of row {@code row} of {@code rows}, oldest first; 1 for every row when off. */
    public double weight(int row, int rows) {
        if (row < 0 || row >= rows) {
            throw new IllegalArgumentException("row " + row + " is not one of " + rows + " rows");
        }
        return enabled() ? Math.pow(0.5, (double) (rows - 1 - row) / halfLifeRows) : 1.0;
    }

    /**
     * As many rows as {@code data} has, drawn by weight, oldest first. Systematic resampling:
     * one seeded offset, then evenly spaced picks along the cumulative weights, so each row's
     * count is its expected count rounded up or down, never a lucky draw far from it; the same
     * data and seed give the same rows. The data itself when weighting is off.
     */
    TrainingData resample(TrainingData data, long seed) {
        int n = data.size();
        if (!enabled() || n == 0) {
            return data;
        }
        double[] cumulative = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += weight(i, n);
            cumulative[i] = total;
        }
        double step = total / n;
        double position = new Random(seed).nextDouble() * step;
        double[][] x = new double[n][];
        int[] y = new int[n];
        int row = 0;
        for (int k = 0; k < n; k++, position += step) {
            while (row < n - 1 && cumulative[row] <= position) {
                row++;
            }
            x[k] = data.x()[row];
            y[k] = data.y()[row];
        }
        return new TrainingData(data.features(), data.classes(), x, y);
    }
}
