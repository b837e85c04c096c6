package dev.hatchery.registry.online;

import java.util.List;
import java.util.Random;

/** Synthetic labelled streams for the online learners' tests, generated from a seed. */
final class Streams {

    /** One outcome: a row and its word label. */
    record Outcome(double[] row, String label) {
    }

    /** Small learners of each kind: ensembles of 5, so that a test class runs in seconds. */
    static final List<LearnerSpec> EACH_KIND = List.of(LearnerSpec.parse("hat"),
            LearnerSpec.parse("moa:meta.AdaptiveRandomForest -s 5"), LearnerSpec.parse("moa:meta.LeveragingBag -s 5"),
            LearnerSpec.parse("lr"));

    private Streams() {
    }

    /**
     * SEA concepts (Street and Kim 2001): three features uniform in [0, 10), the label "high" when
     * x0 + x1 exceeds a threshold that moves every quarter of the stream (8, 9, 7, 9.5), with a
     * tenth of the labels flipped; x2 is noise. Features beyond three are noise too.
     */
    static List<Outcome> sea(int rows, int features, long seed) {
        Random random = new Random(seed);
        double[] thresholds = {8, 9, 7, 9.5};
        return java.util.stream.IntStream.range(0, rows).mapToObj(i -> {
            double[] row = new double[features];
            for (int j = 0; j < features; j++) {
                row[j] = 10 * random.nextDouble();
            }
            boolean high = row[0] + row[1] > thresholds[Math.min(3, 4 * i / rows)];
            if (random.nextDouble() < 0.1) {
                high = !high;
            }
            return new Outcome(row, high ? "high" : "low");
        }).toList();
    }

    /**
     * Two classes by x0 + x1 > 10 until row {@code lateFrom}; from then on a row whose x2 exceeds
     * 7 is of a third class, "late". No noise, so that every learner can find all three.
     */
    static List<Outcome> lateClass(int rows, int features, int lateFrom, long seed) {
        Random random = new Random(seed);
        return java.util.stream.IntStream.range(0, rows).mapToObj(i -> {
            double[] row = new double[features];
            for (int j = 0; j < features; j++) {
                row[j] = 10 * random.nextDouble();
            }
            String label = i >= lateFrom && row[2] > 7 ? "late" : row[0] + row[1] > 10 ? "high" : "low";
            return new Outcome(row, label);
        }).toList();
    }
}
