package dev.hatchery.trainer;

import java.util.ArrayList;
import java.util.List;

/**
 * Which outcomes a run trains on (before the newest share is held out for the gate). Every
 * strategy takes at most {@code maxRows}, the most recent; a window with fewer than {@code
 * minRows} does not train.
 */
public sealed interface TrainingWindow {

    List<String> STRATEGIES = List.of("last-rows", "last-time", "since-drift");

    TrainingWindow DEFAULTS = new SinceDrift(1_000, 5_000);

    int minRows();

    int maxRows();

    String strategy();

    /** A short description for reports: "since-drift (min 1000, max 5000)". */
    String describe();

    /** The last {@code maxRows} outcomes, whatever their age. */
    record LastRows(int minRows, int maxRows) implements TrainingWindow {
        public LastRows {
            check(minRows, maxRows, List.of());
        }

        @Override
        public String strategy() {
            return "last-rows";
        }

        @Override
        public String describe() {
            return "last " + maxRows + " rows (min " + minRows + ")";
        }
    }

    /** Outcomes of the last {@code millis} of event time, counted back from the newest outcome. */
    record LastTime(long millis, int minRows, int maxRows) implements TrainingWindow {
        public LastTime {
            check(minRows, maxRows, millis >= 1 ? List.of()
                    : List.of("trainer.window.millis must be 1 or more for last-time, got " + millis));
        }

        @Override
        public String strategy() {
            return "last-time";
        }

        @Override
        public String describe() {
            return "last " + millis + " ms of event time (min " + minRows + ", max " + maxRows + " rows)";
        }
    }

    /**
     * Outcomes since the last drift point the trainer acted on; if that leaves fewer than
     * {@code minRows}, the most recent {@code minRows}, reaching back before the drift (a run
     * triggered by the drift itself waits for them instead).
     */
    record SinceDrift(int minRows, int maxRows) implements TrainingWindow {
        public SinceDrift {
            check(minRows, maxRows, List.of());
        }

        @Override
        public String strategy() {
            return "since-drift";
        }

        @Override
        public String describe() {
            return "since the last drift (min " + minRows + ", max " + maxRows + " rows)";
        }
    }

    private static void check(int minRows, int maxRows, List<String> more) {
        List<String> problems = new ArrayList<>(more);
        if (minRows < 10) {
            problems.add("trainer.window.minRows must be 10 or more, got " + minRows);
        }
        if (maxRows < minRows) {
            problems.add("trainer.window.maxRows must be at least minRows (" + minRows + "), got " + maxRows);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid training window: " + String.join("; ", problems));
        }
    }
}
