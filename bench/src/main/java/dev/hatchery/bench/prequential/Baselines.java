package dev.hatchery.bench.prequential;

/**
 * The two baselines, computed on the stream itself under the system's label availability.
 *
 * <p>Labels arrive K events late, as in the delayed prequential evaluation of the literature:
 * the replay writes the label of row r just before the event of row r + K. So a baseline
 * predicting row r may use the labels of rows 0 … r − K: with K = 1, the previous row's label
 * (ELEC2's usual "no-change", 85.3 %). The system's models see no more: the trainer learns
 * only from outcomes whose labels came.
 */
final class Baselines {

    private Baselines() {
    }

    /** For each row from {@code from} on: the newest label known, that of row r − K. */
    static int[] noChange(int[] labels, int from, int delay) {
        check(labels, from, delay);
        int[] predicted = new int[labels.length - from];
        for (int r = from; r < labels.length; r++) {
            predicted[r - from] = labels[r - delay];
        }
        return predicted;
    }

    /**
     * For each row from {@code from} on: the most frequent class among the labels known, those of
     * rows 0 … r − K (the bootstrap rows' labels included: v1 was trained on them). A tie goes
     * to the class listed first.
     */
    static int[] majority(int[] labels, int classes, int from, int delay) {
        check(labels, from, delay);
        int[] counts = new int[classes];
        for (int r = 0; r < from - delay; r++) {
            counts[labels[r]]++;
        }
        int[] predicted = new int[labels.length - from];
        for (int r = from; r < labels.length; r++) {
            counts[labels[r - delay]]++;
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
        if (delay < 1) {
            throw new IllegalArgumentException("the label delay must be 1 or more events (a row's label comes after"
                    + " its prediction), got " + delay);
        }
        if (from - delay < 0 || from > labels.length) {
            throw new IllegalArgumentException("scoring from row " + from + " of " + labels.length + " with labels "
                    + delay + " events late leaves no label known for the first row: start at row " + delay
                    + " or later");
        }
    }
}
