package dev.hatchery.registry.online;

import java.util.Arrays;
import java.util.List;

/** What an online learner answers for one row: a class, or, before it has learnt any, that it has none yet. */
public sealed interface OnlinePrediction {

    /** The answer of a learner that has not learnt a single outcome: it knows no class to name. */
    OnlinePrediction NOT_YET = new NotYet();

    /**
     * The most probable class, its probability, and the posterior over every class known at the
     * time (indexed as {@code classes}, in order of first appearance; the earliest wins a tie).
     * Two answers are equal when they say the same, posterior included.
     */
    record Predicted(String label, double probability, List<String> classes, double[] posterior)
            implements OnlinePrediction {

        @Override
        public boolean equals(Object other) {
            return other instanceof Predicted that && label.equals(that.label)
                    && Double.compare(probability, that.probability) == 0 && classes.equals(that.classes)
                    && Arrays.equals(posterior, that.posterior);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * label.hashCode() + classes.hashCode()) + Arrays.hashCode(posterior);
        }

        @Override
        public String toString() {
            return "Predicted[" + label + " " + probability + ", " + classes + " " + Arrays.toString(posterior) + "]";
        }
    }

    /** No outcome learnt yet, so no class known: the caller decides (e.g. scores nothing, or a default). */
    record NotYet() implements OnlinePrediction {
    }
}
