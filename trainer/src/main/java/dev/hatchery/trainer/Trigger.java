package dev.hatchery.trainer;

import java.time.Instant;
import java.util.Arrays;

/** Why a training run happens. */
public sealed interface Trigger extends java.io.Serializable {

    /** What kind of trigger it is: one per record below. */
    Kind kind();

    String describe();

    /** Started by an operator, not by Hatchery itself: pausing and pinning do not stop it. */
    default boolean manual() {
        return this instanceof Manual;
    }

    /**
     * The kinds of trigger, each with a short, stable text for reports, SQL and MLflow tags
     * ({@code schedule}, {@code drift}, {@code data-drift}, …): the text is what is stored, so it
     * never changes with the constant's name.
     */
    enum Kind {
        SCHEDULE("schedule"),
        DRIFT("drift"),
        DATA_DRIFT("data-drift"),
        ACCURACY_FLOOR("accuracy-floor"),
        MORE_DATA("more-data"),
        REFRESH("refresh"),
        MANUAL("manual");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** @throws IllegalArgumentException if no kind has this text */
        public static Kind parse(String text) {
            for (Kind kind : values()) {
                if (kind.text.equals(text)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no trigger kind '" + text + "': one of "
                    + Arrays.stream(values()).map(Kind::text).toList());
        }

        /** The text, so that logs and messages read as they did when the kind was a string. */
        @Override
        public String toString() {
            return text;
        }
    }

    /** The model's cron schedule fired (on every member; one run per firing). */
    record Scheduled(String cron, long fireTimeMillis) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.SCHEDULE;
        }

        @Override
        public String describe() {
            return "schedule '" + cron + "' fired at " + Instant.ofEpochMilli(fireTimeMillis);
        }
    }

    /** The detector saw the serving version drift: train on data since the drift began. */
    record Drift(long sequence, String detector, String detectedAtEventId, double errorRate, double statistic,
            long driftSinceEventTimeMillis) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.DRIFT;
        }

        @Override
        public String describe() {
            return "drift signal #" + sequence + " (" + detector + ") at event " + detectedAtEventId + " (error rate "
                    + String.format("%.3f", errorRate) + ")";
        }
    }

    /** Recent scored events no longer look like the serving version's training data. */
    record DataDrift(int version, long epoch, long position, String features, double maxPsi) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.DATA_DRIFT;
        }

        @Override
        public String describe() {
            return "data drift of v" + version + " in " + features + String.format(" (max PSI %.3f)", maxPsi);
        }
    }

    /** Rolling accuracy fell below the configured floor. */
    record AccuracyFloor(double rollingAccuracy, double floor) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.ACCURACY_FLOOR;
        }

        @Override
        public String describe() {
            return String.format("rolling accuracy %.3f below the floor %.3f", rollingAccuracy, floor);
        }
    }

    /**
     * The current concept now has twice the rows the serving version trained on: right after a
     * drift, when a model had to be trained on the first rows of the new concept, this
     * retrains it soon on more; once the window is full, it stops.
     */
    record MoreData(long conceptRows, int servingVersion, int servingRows) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.MORE_DATA;
        }

        @Override
        public String describe() {
            return "the current concept has " + conceptRows + " outcomes, twice what v" + servingVersion
                    + " trained on (" + servingRows + ")";
        }
    }

    /** Enough new outcomes arrived since the last run to try a fresher model. */
    record Refresh(long newOutcomes) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.REFRESH;
        }

        @Override
        public String describe() {
            return newOutcomes + " new outcomes since the last run";
        }
    }

    /** An operator asked. */
    record Manual(String by, String reason) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.MANUAL;
        }

        @Override
        public String describe() {
            return "requested by " + by + (reason.isBlank() ? "" : ": " + reason);
        }
    }
}
