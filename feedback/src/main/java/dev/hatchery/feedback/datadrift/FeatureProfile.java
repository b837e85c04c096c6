package dev.hatchery.feedback.datadrift;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one feature looked like in training: PSI bins and the share of training values in each,
 * and a bounded sorted sample of the values for the Kolmogorov-Smirnov test.
 *
 * <p>The bins are {@code (-inf, e1], (e1, e2], ..., (ek, +inf)} for the edges {@code e1 < ... < ek};
 * a feature with a single value has no edges and one bin. Arrays are copied in and out, so a
 * profile never changes once built.
 *
 * @param name          the feature's name
 * @param trainingCount how many training values the profile was taken from; the Kolmogorov-Smirnov
 *                      test counts the reference as a sample of this size, as the sample below is
 *                      within about {@code 1 / sample.length} of the training distribution everywhere
 * @param edges         the strictly increasing, finite upper edges of every bin but the last
 * @param proportions   the share of training values in each bin, {@code edges.length + 1} of them,
 *                      summing to 1
 * @param sample        finite training values in ascending order, at least one
 */
public record FeatureProfile(String name, int trainingCount, double[] edges, double[] proportions, double[] sample)
        implements Serializable {

    // Rounding in the training counts' divisions stays far below this.
    private static final double SUM_TOLERANCE = 1e-9;

    public FeatureProfile {
        edges = edges.clone();
        proportions = proportions.clone();
        sample = sample.clone();
        List<String> problems = new ArrayList<>();
        if (name.isBlank()) {
            problems.add("name must not be blank");
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
                problems.add("edges must be finite and strictly increasing, got " + Arrays.toString(edges));
                break;
            }
        }
        if (proportions.length != edges.length + 1) {
            problems.add("proportions must number edges + 1 (" + (edges.length + 1) + "), got " + proportions.length);
        }
        double sum = 0;
        for (double p : proportions) {
            if (!(p >= 0 && p <= 1)) {
                problems.add("proportions must be in [0, 1], got " + Arrays.toString(proportions));
                break;
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            problems.add("proportions must sum to 1, got " + sum);
        }
        if (sample.length == 0) {
            problems.add("sample must hold at least one value");
        }
        if (trainingCount < sample.length) {
            problems.add("trainingCount must be at least the sample's size (" + sample.length + "), got " + trainingCount);
        }
        for (int i = 0; i < sample.length; i++) {
            if (!Double.isFinite(sample[i]) || (i > 0 && sample[i] < sample[i - 1])) {
                problems.add("sample must be finite and in ascending order");
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid profile of feature '" + name + "': " + String.join("; ", problems));
        }
    }

    /** How many PSI bins: one more than there are edges. */
    public int binCount() {
        return edges.length + 1;
    }

    /** The index of the bin holding {@code value}: the first edge at or above it, else the last bin. */
    public int binOf(double value) {
        // Adding 0.0 turns -0.0 into 0.0: the search orders -0.0 below 0.0, but a bin edge must not.
        int at = Arrays.binarySearch(edges, value + 0.0);
        return at >= 0 ? at : -at - 1;
    }

    /** The share of {@code values} falling in each bin, in the same order as {@link #proportions()}. */
    public double[] proportionsOf(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("shares of feature '" + name + "' need at least one value");
        }
        double[] shares = new double[binCount()];
        for (double value : values) {
            shares[binOf(value)]++;
        }
        for (int i = 0; i < shares.length; i++) {
            shares[i] /= values.length;
        }
        return shares;
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public double[] proportions() {
        return proportions.clone();
    }

    @Override
    public double[] sample() {
        return sample.clone();
    }

    // A record compares arrays by identity; two profiles of the same training data must be equal.
    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureProfile that && name.equals(that.name) && trainingCount == that.trainingCount
                && Arrays.equals(edges, that.edges)
                && Arrays.equals(proportions, that.proportions) && Arrays.equals(sample, that.sample);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * (31 * name.hashCode() + trainingCount) + Arrays.hashCode(edges)) + Arrays.hashCode(proportions))
                + Arrays.hashCode(sample);
    }

    @Override
    public String toString() {
        return "FeatureProfile[name=" + name + ", trainingCount=" + trainingCount + ", edges=" + Arrays.toString(edges) + ", proportions="
                + Arrays.toString(proportions) + ", sample=" + sample.length + " values]";
    }
}
