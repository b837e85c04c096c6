package dev.hatchery.trainer;

/**
 * An automatic deployment on probation, and how its probation ended. One per model: the
 * latest automatic deployment's.
 *
 * @param previousEpoch    the epoch of the version it replaced (its own epoch minus one)
 * @param accuracy         the new version's accuracy over its first {@code events} labelled
 *                         events; NaN until decided
 * @param previousAccuracy the replaced version's over its last as many; NaN until decided, or
 *                         when it had none
 */
public record Probation(
        String model,
        int version,
        long epoch,
        int previousVersion,
        long previousEpoch,
        long startedAtMillis,
        int events,
        double maxAccuracyDrop,
        String status,
        double accuracy,
        double previousAccuracy,
        long decidedAtMillis,
        String detail) {

    /** Waiting for its labelled events. */
    public static final String WATCHING = "WATCHING";
    /** As good as what it replaced, within the margin: it stays. */
    public static final String PASSED = "PASSED";
    /** Worse by more than the margin: rolled back, model pinned. */
    public static final String ROLLED_BACK = "ROLLED_BACK";
    /** Another deployment replaced it before its probation was decided. */
    public static final String ENDED = "ENDED";

    public static final String[] COLUMNS = {"model VARCHAR", "version INT", "epoch BIGINT", "previousVersion INT",
        "previousEpoch BIGINT", "startedAtMillis BIGINT", "events INT", "maxAccuracyDrop DOUBLE", "status VARCHAR",
        "accuracy DOUBLE", "previousAccuracy DOUBLE", "decidedAtMillis BIGINT", "detail VARCHAR"};

    Probation decided(String status, double accuracy, double previousAccuracy, long atMillis, String detail) {
        return new Probation(model, version, epoch, previousVersion, previousEpoch, startedAtMillis, events,
                maxAccuracyDrop, status, accuracy, previousAccuracy, atMillis, detail);
    }
}
