package dev.hatchery.registry;

import java.util.Arrays;

/**
 * A model's answer for one row: the most probable class, its posterior probability, and the
 * posterior of every class (indexed as the model's classes; the model's own array, not copied).
 * Two answers are equal when they say the same, posterior included.
 */
public record PredictedClass(int index, double probability, double[] posterior) {

    @Override
    public boolean equals(Object other) {
        return other instanceof PredictedClass that && index == that.index
                && Double.compare(probability, that.probability) == 0 && Arrays.equals(posterior, that.posterior);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * index + Double.hashCode(probability)) + Arrays.hashCode(posterior);
    }

    @Override
    public String toString() {
        return "PredictedClass[index=" + index + ", probability=" + probability + ", posterior="
                + Arrays.toString(posterior) + "]";
    }
}
