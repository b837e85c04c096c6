package dev.hatchery.ops.command;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code status} says about one model; times are ISO-8601 UTC. A part that is not
 * known yet (no labels, no run, no data-drift check) is null.
 *
 * @param serving       null for a model that is defined but has no version yet
 * @param firstVersion  for such a model, what it waits for; null once it has a version
 * @param mlflowSyncLag how far the MLflow mirror is behind and why, if it fails; {@code off ...} when no member runs one
 * @param deadLetters   null when none of the model's events is dead-lettered
 * @param jobTroubles   what is wrong with the jobs that score and judge every model (one is not
 *                      running, or fails again after every resume); empty when they run
 */
public record ModelStatus(
        String model,
        @Nullable Serving serving,
        @Nullable FirstVersion firstVersion,
        @Nullable Health health,
        @Nullable Double labelCoverage,
        @Nullable DataDrift dataDrift,
        @Nullable LastRun lastRun,
        @Nullable Probation probation,
        String nextRun,
        @Nullable Hold paused,
        @Nullable Hold pinned,
        String mlflowSyncLag,
        List<RefusedVersion> refusals,
        @Nullable DeadLetters deadLetters,
        List<String> jobTroubles) {

    /** The deployment pointer, and how many members report serving it. */
    public record Serving(int version, long epoch, String since, String action, String by, String reason,
            int membersServing, int members) {
    }

    /**
     * A model operators defined (from a CSV header) that has no version yet: the members train its
     * v1 once {@code minRows} of its events are labelled.
     */
    public record FirstVersion(String definedBy, String definedAt, List<String> features, List<String> classes,
            long labelledEvents, int minRows) {
    }

    /** The feedback job's view of the serving version, if it is about the serving epoch. */
    public record Health(int version, long epoch, double rollingAccuracy, long outcomes, String detector,
            @Nullable String lastDriftSignal) {
    }

    public record DataDrift(int version, boolean drifted, String driftedFeatures, double maxPsi, String checkedAt) {
    }

    public record LastRun(String runId, String trigger, String status, int newVersion, String started,
            @Nullable String finished, String detail) {
    }

    /**
     * The latest automatic deployment's probation: WATCHING, PASSED, ROLLED_BACK (the probation
     * rolled it back and pinned the model) or ENDED.
     */
    public record Probation(int version, long epoch, String status, @Nullable Double accuracy,
            @Nullable Double previousAccuracy, String detail) {
    }

    /** A pause of automatic training, or a pin. */
    public record Hold(String by, String since, String reason) {
    }

    public record RefusedVersion(int version, long epoch, String member, String reason, String at) {
    }

    /** The model's events in the dead letters map, and the newest one's reason. */
    public record DeadLetters(long count, String newestAt, String newestReason) {
    }
}
