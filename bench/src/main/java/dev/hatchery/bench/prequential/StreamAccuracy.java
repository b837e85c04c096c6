package dev.hatchery.bench.prequential;

import java.util.ArrayList;
import java.util.List;

/**
 * How often predictions matched the true labels, over a whole stretch of the stream and per
 * block of consecutive events (the last block holds what is left, so it may be shorter).
 *
 * @param unscored events without a prediction: they count as wrong, so that a system that
 *                 loses events cannot look better for it
 */
record StreamAccuracy(double accuracy, List<Double> blocks, int events, int unscored) {

    /** Stands for "no prediction" in a predictions array. */
    static final int UNSCORED = -1;

    StreamAccuracy {
        blocks = List.copyOf(blocks);
    }

    /** {@code predicted[i]} and {@code truth[i]} are the prediction and the true class of the same event. */
    static StreamAccuracy of(int[] predicted, int[] truth, int blockSize) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + truth.length + " true labels");
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("a block must hold 1 event or more, got " + blockSize);
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("no events to score");
        }
        List<Double> blocks = new ArrayList<>();
        int right = 0;
        int unscored = 0;
        int blockRight = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] == UNSCORED) {
                unscored++;
            } else if (predicted[i] == truth[i]) {
                right++;
                blockRight++;
            }
            boolean blockEnds = (i + 1) % blockSize == 0 || i + 1 == truth.length;
            if (blockEnds) {
                int inBlock = i % blockSize + 1;
                blocks.add((double) blockRight / inBlock);
                blockRight = 0;
            }
        }
        return new StreamAccuracy((double) right / truth.length, blocks, truth.length, unscored);
    }
}
