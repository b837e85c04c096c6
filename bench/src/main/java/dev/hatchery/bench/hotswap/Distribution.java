package dev.hatchery.bench.hotswap;

import java.util.Arrays;
import java.util.List;

/** Percentiles of a sample, nearest-rank. */
record Distribution(double[] sorted) {

    static Distribution of(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values to summarize");
        }
        return new Distribution(sorted);
    }

    double percentile(double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    int size() {
        return sorted.length;
    }

    @Override
    public String toString() {
        return "Distribution" + Arrays.toString(Arrays.copyOf(sorted, Math.min(sorted.length, 10)));
    }
}
