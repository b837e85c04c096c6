package dev.hatchery.feedback.drift;

import java.util.Random;

/** Synthetic Bernoulli error streams for the detector tests, drawn from seeded generators. */
final class ErrorStreams {

    /** Where the error rate changes in the abrupt-change tests. */
    static final int CHANGE_AT = 5_000;

    private ErrorStreams() {
    }

    /** Feeds {@code count} errors drawn with probability {@code rate}; the index of the first DRIFT, or -1. */
    static int firstDrift(DriftDetector detector, Random random, double rate, int count) {
        for (int i = 0; i < count; i++) {
            if (detector.update(random.nextDouble() < rate) == DetectorState.DRIFT) {
                return i;
            }
        }
        return -1;
    }

    /** Feeds {@code count} outcomes at {@code rate}, resetting the detector after any drift as a watcher would. */
    static void settle(DriftDetector detector, Random random, double rate, int count) {
        for (int i = 0; i < count; i++) {
            if (detector.update(random.nextDouble() < rate) == DetectorState.DRIFT) {
                detector.reset();
            }
        }
    }

    /**
     * Feeds {@link #CHANGE_AT} outcomes at rate {@code before}, resetting the detector after any
     * (false) drift as a watcher would, then outcomes at rate {@code after}: how many of those it
     * took to signal a drift, or -1 if 20,000 did not.
     */
    static int delayAfterChange(DriftDetector detector, long seed, double before, double after) {
        Random random = new Random(seed);
        settle(detector, random, before, CHANGE_AT);
        return firstDrift(detector, random, after, 20_000);
    }

    /** In how many of {@code runs} seeded streams of {@code count} outcomes at {@code rate} it signals a drift. */
    static int runsWithADrift(DetectorSettings settings, int runs, double rate, int count) {
        int drifted = 0;
        for (int seed = 0; seed < runs; seed++) {
            if (firstDrift(settings.newDetector(), new Random(1_000 + seed), rate, count) >= 0) {
                drifted++;
            }
        }
        return drifted;
    }

    /** The longest of the delays after an abrupt change over {@code runs} seeds; -1 if any run missed it. */
    static int longestDelay(DetectorSettings settings, int runs, double before, double after) {
        int longest = 0;
        for (int seed = 0; seed < runs; seed++) {
            int delay = delayAfterChange(settings.newDetector(), seed, before, after);
            if (delay < 0) {
                return -1;
            }
            longest = Math.max(longest, delay);
        }
        return longest;
    }
}
