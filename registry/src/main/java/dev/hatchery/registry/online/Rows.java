package dev.hatchery.registry.online;

/** The checks every learner makes of a row before it touches its state. */
final class Rows {

    private Rows() {
    }

    /** @throws IllegalArgumentException naming the first problem, if the row is not {@code width} finite values */
    static void check(double[] row, int width) {
        if (row.length != width) {
            throw new IllegalArgumentException("the learner takes rows of " + width + " features, got " + row.length);
        }
        for (int j = 0; j < row.length; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException("feature " + j + " is " + row[j] + ": the learner takes finite values");
            }
        }
    }
}
