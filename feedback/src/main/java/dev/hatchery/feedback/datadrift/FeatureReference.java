package dev.hatchery.feedback.datadrift;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The training distribution of every feature of one model version, against which recent feature
 * rows are checked for drift. Built once at training time with {@link #of(List, double[][])}; it is
 * immutable and serializable, to be kept in a map keyed by model version and in Jet snapshots.
 *
 * @param features one profile per feature, in the order of the feature rows
 */
public record FeatureReference(List<FeatureProfile> features) implements Serializable {

    /**
     * How a reference is built.
     *
     * @param bins       how many PSI bins per feature at most; 10 is the usual choice for PSI, each bin
     *                   then holding about a tenth of the training values, enough to estimate from a
     *                   window of a few hundred events. A feature with ties or few distinct values gets
     *                   fewer bins, never an empty one
     * @param sampleSize how many training values per feature to keep for the Kolmogorov-Smirnov test at
     *                   most; 1,000 bounds a reference to about 8 KB per feature, while evenly spaced
     *                   order statistics keep its distribution function within 0.001 of the training
     *                   one, small beside the test's critical value of about 0.05 for a window of 1,000
     */
    public record Options(int bins, int sampleSize) implements Serializable {

        public static final Options DEFAULTS = new Options(10, 1_000);

        public Options {
            List<String> problems = new ArrayList<>();
            if (bins < 2) {
                problems.add("bins must be 2 or more, got " + bins);
            }
            if (sampleSize < 1) {
                problems.add("sampleSize must be 1 or more, got " + sampleSize);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid feature reference options: " + String.join("; ", problems));
            }
        }
    }

    public FeatureReference {
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a feature reference needs at least one feature");
        }
        Set<String> seen = new HashSet<>();
        for (FeatureProfile feature : features) {
            if (!seen.add(feature.name())) {
                throw new IllegalArgumentException("feature name '" + feature.name() + "' appears twice: names must be unique");
            }
        }
    }

    /** {@link #of(List, double[][], Options)} with {@link Options#DEFAULTS}. */
    public static FeatureReference of(List<String> featureNames, double[][] trainingRows) {
        return of(featureNames, trainingRows, Options.DEFAULTS);
    }

    /**
     * Profiles each column of {@code trainingRows} under the name at the same index.
     *
     * @throws IllegalArgumentException if there are no rows, a row's length is not the number of
     *                                  names, names repeat or are blank, or a value is not finite
     */
    public static FeatureReference of(List<String> featureNames, double[][] trainingRows, Options options) {
        validate(featureNames, trainingRows);
        List<FeatureProfile> features = new ArrayList<>(featureNames.size());
        double[] column = new double[trainingRows.length];
        for (int f = 0; f < featureNames.size(); f++) {
            for (int r = 0; r < trainingRows.length; r++) {
                // -0.0 and 0.0 are the same value to a bin; keeping both would let them sort apart.
                column[r] = trainingRows[r][f] + 0.0;
            }
            Arrays.sort(column);
            double[] edges = edges(column, options.bins());
            features.add(new FeatureProfile(featureNames.get(f), column.length, edges, proportions(column, edges),
                    sample(column, options.sampleSize())));
        }
        return new FeatureReference(features);
    }

    /** The feature names, in the order of the feature rows. */
    public List<String> featureNames() {
        return features.stream().map(FeatureProfile::name).toList();
    }

    /** How many features a row must have. */
    public int featureCount() {
        return features.size();
    }

    private static void validate(List<String> names, double[][] rows) {
        List<String> problems = new ArrayList<>();
        if (names.isEmpty()) {
            problems.add("no feature names: pass one name per column");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isBlank()) {
                problems.add("feature name at index " + i + " is blank");
            } else if (!seen.add(name)) {
                problems.add("feature name '" + name + "' appears twice: names must be unique");
            }
        }
        if (rows.length == 0) {
            problems.add("no training rows: a reference needs the rows the model was trained on");
        }
        for (int r = 0; r < rows.length && problems.size() < 10; r++) {
            if (rows[r].length != names.size()) {
                problems.add("row " + r + " has " + rows[r].length + " values, expected one per feature (" + names.size() + ")");
                continue;
            }
            for (int f = 0; f < rows[r].length; f++) {
                if (!Double.isFinite(rows[r][f])) {
                    problems.add("feature '" + names.get(f) + "' has " + rows[r][f] + " at row " + r
                            + ": impute or drop non-finite values before training");
                }
            }
        }
        if (!problems.isEmpty()) {
            // Capped at ten so a column of NaN does not make a message of a million lines.
            throw new IllegalArgumentException("cannot build a feature reference: " + String.join("; ", problems));
        }
    }

    /**
     * Bin edges at the training quantiles {@code 1/bins, 2/bins, ...}: the value {@code q} with at
     * least that share of values at or below it. Repeated quantiles (ties) collapse into one edge, and
     * an edge at the maximum is dropped; every edge is then a training value and below the maximum,
     * so every bin holds at least one training value.
     */
    static double[] edges(double[] sorted, int bins) {
        int n = sorted.length;
        double[] edges = new double[bins - 1];
        int count = 0;
        double max = sorted[n - 1];
        for (int j = 1; j < bins; j++) {
            int index = (int) ((j * (long) n + bins - 1) / bins) - 1;
            double q = sorted[index];
            if (q < max && (count == 0 || q > edges[count - 1])) {
                edges[count++] = q;
            }
        }
        return Arrays.copyOf(edges, count);
    }

    private static double[] proportions(double[] sorted, double[] edges) {
        double[] proportions = new double[edges.length + 1];
        int from = 0;
        for (int b = 0; b < edges.length; b++) {
            int to = from;
            while (to < sorted.length && sorted[to] <= edges[b]) {
                to++;
            }
            proportions[b] = (double) (to - from) / sorted.length;
            from = to;
        }
        proportions[edges.length] = (double) (sorted.length - from) / sorted.length;
        return proportions;
    }

    /**
     * Evenly spaced order statistics: the value at rank {@code (i + 1/2) n / size} for each {@code i},
     * the middle of each of {@code size} equal slices. Deterministic, so the same training data gives
     * the same reference, and closer to the training distribution than a random sample of that size.
     */
    static double[] sample(double[] sorted, int size) {
        int n = sorted.length;
        if (n <= size) {
            return sorted.clone();
        }
        double[] sample = new double[size];
        for (int i = 0; i < size; i++) {
            sample[i] = sorted[(int) ((2L * i + 1) * n / (2L * size))];
        }
        return sample;
    }
}
