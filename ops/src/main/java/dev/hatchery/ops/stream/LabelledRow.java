package dev.hatchery.ops.stream;

/** One row: feature values in schema order and the true class's index. */
public record LabelledRow(double[] features, int label) {
}
