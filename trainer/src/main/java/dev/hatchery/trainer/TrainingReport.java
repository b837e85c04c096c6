package dev.hatchery.trainer;

/**
 * The record of one training run, written when it starts and again when it ends, so operators
 * see runs in progress, their results and their failures.
 *
 * @param status          RUNNING, DEPLOYED, KEPT or FAILED
 * @param championVersion the version serving when the run started
 * @param newVersion      the version registered and published, or 0
 * @param detail          the gate's reasoning, or the failure's cause
 */
public record TrainingReport(
        String runId,
        String model,
        String trigger,
        String status,
        String algorithm,
        int trainingRows,
        int holdoutRows,
        long trainMillis,
        double challengerAccuracy,
        double championAccuracy,
        int championVersion,
        int newVersion,
        long epoch,
        String detail,
        String member,
        long startedAtMillis,
        long finishedAtMillis) {

    public static final String RUNNING = "RUNNING";
    public static final String DEPLOYED = "DEPLOYED";
    public static final String KEPT = "KEPT";
    public static final String FAILED = "FAILED";

    public boolean finished() {
        return !RUNNING.equals(status);
    }
}
