package dev.hatchery.bench.prequential;

/**
 * The two baselines, computed on the stream itself under the system's label availability.
 *
 * <p>The replay writes the label of row r right after the event of row r + K. When the event
 * of row r is written, the newest label already written is that of row r − K − 1 (the label
 * of r − K follows the event of r). So a baseline predicting row r may use the labels of rows
 * 0 … r − K − 1: with K = 1, the previous half hour's label is not yet known, the one before
 * it is. (Predicting y[r − 1], the usual "no-change" of the literature, is this with K = 0.)
 * The system's models see no more: the trainer learns only from outcomes whose labels came.
 */
final class Baselines {

    private Baselines() {
    }

    /** For each row from {@code from} on: the newest label known, that of row r − K − 1. */
    static int[] noChange(int[] labels, int from, int delay) {
        check(labels, from, delay);
        int[] predicted = new int[labels.length - from];
        for (int r = from; r < labels.length; r++) {
            predicted[r - from] = labels[r - delay - 1];
        }
        return predicted;
    }

    /**
     * For each row from {@code from} on: the most frequent class among the labels known, those of
     * rows 0 … r − K − 1 (the bootstrap rows' labels included: v1 was trained on them). A tie goes
     * to the class listed first.
     */
    static int[] majority(int[] labels, int classes, int from, int delay) {
        check(labels, from, delay);
        int[] counts = new int[classes];
        for (int r = 0; r < from - delay - 1; r++) {
            counts[labels[r]]++;
        }
        int[] predicted = new int[labels.length - from];
        for (int r = from; r < labels.length; r++) {
            counts[labels[r - delay - 1]]++;
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (counts[c] > counts[best]) {
                    best = c;
                }
            }
            predicted[r - from] = best;
        }
        return predicted;
    }

    private static void check(int[] labels, int from, int delay) {
        if (delay < 0) {
            throw new IllegalArgumentException("the label delay must be 0 or more events, got " + delay);
        }
        if (from - delay - 1 < 0 || from > labels.length) {
            throw new IllegalArgumentException("scoring from row " + from + " of " + labels.length + " with labels "
                    + delay + " events late leaves no label known for the first row: start after row " + delay);
        }
    }
}
