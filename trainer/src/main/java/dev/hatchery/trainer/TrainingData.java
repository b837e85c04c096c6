package dev.hatchery.trainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows to train or evaluate on: feature values in the order of {@code features}, and each
 * row's class as an index into {@code classes}. Rows are shared, not copied: treat them as
 * read-only.
 */
public record TrainingData(List<String> features, List<String> classes, double[][] x, int[] y) {

    public TrainingData {
        features = List.copyOf(features);
        classes = List.copyOf(classes);
        List<String> problems = new ArrayList<>();
        if (x.length != y.length) {
            problems.add(x.length + " rows but " + y.length + " labels");
        }
        for (int i = 0; i < x.length && problems.size() < 5; i++) {
            if (x[i].length != features.size()) {
                problems.add("row " + i + " has " + x[i].length + " values, the schema " + features.size()
                        + " features " + features);
            }
        }
        for (int i = 0; i < y.length && problems.size() < 5; i++) {
            if (y[i] < 0 || y[i] >= classes.size()) {
                problems.add("row " + i + " has class index " + y[i] + ", outside the " + classes.size()
                        + " classes " + classes);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid training data: " + String.join("; ", problems));
        }
    }

    public int size() {
        return y.length;
    }

    public TrainingData slice(int fromInclusive, int toExclusive) {
        return new TrainingData(features, classes, Arrays.copyOfRange(x, fromInclusive, toExclusive),
                Arrays.copyOfRange(y, fromInclusive, toExclusive));
    }

    /** How many rows of each class, by class index. */
    int[] classCounts() {
        int[] counts = new int[classes.size()];
        for (int label : y) {
            counts[label]++;
        }
        return counts;
    }
}
