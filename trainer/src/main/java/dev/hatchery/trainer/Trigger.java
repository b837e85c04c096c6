package dev.hatchery.trainer;

/** Why a training run happens; each names the start of the data window it implies. */
public sealed interface Trigger {

    /** Event time from which outcomes belong to the window (older ones are another concept). */
    long windowStartEventTime();

    String describe();

    /** The detector saw the serving version drift: train on data since the drift began. */
    record Drift(long sequence, String detectedAtEventId, double errorRate, long windowStartEventTime) implements Trigger {
        @Override
        public String describe() {
            return "drift signal #" + sequence + " at event " + detectedAtEventId + " (error rate "
                    + String.format("%.3f", errorRate) + ")";
        }
    }

    /** Rolling accuracy fell below the configured floor. */
    record AccuracyFloor(double rollingAccuracy, double floor, long windowStartEventTime) implements Trigger {
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
    record MoreData(long conceptRows, int servingVersion, int servingRows, long windowStartEventTime) implements Trigger {
        @Override
        public String describe() {
            return "the current concept has " + conceptRows + " outcomes, twice what v" + servingVersion
                    + " trained on (" + servingRows + ")";
        }
    }

    /** Enough new outcomes arrived since the last run to try a fresher model. */
    record Refresh(long newOutcomes, long windowStartEventTime) implements Trigger {
        @Override
        public String describe() {
            return newOutcomes + " new outcomes since the last run";
        }
    }

    /** An operator asked. */
    record Manual(String by, long windowStartEventTime) implements Trigger {
        @Override
        public String describe() {
            return "requested by " + by;
        }
    }
}
