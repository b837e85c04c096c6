package dev.hatchery.ops.stream;

/**
 * MOA's class balancing: rejection sampling that alternates classes, the first accepted row
 * being of class 1.
 */
final class Balance {

    private boolean nextClassShouldBeZero;

    /** Whether a row of {@code label} is the one wanted now; if so, the next must be the other class. */
    boolean accepts(int label) {
        if ((label == 0) != nextClassShouldBeZero) {
            return false;
        }
        nextClassShouldBeZero = !nextClassShouldBeZero;
        return true;
    }
}
