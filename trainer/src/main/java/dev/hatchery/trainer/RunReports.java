package dev.hatchery.trainer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import dev.hatchery.registry.mlflow.MlflowMirror;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The training runs' reports ({@code training_runs}) as the trainer writes them, and their way
 * to MLflow: a final report goes to this member's mirror, and runs that finished lately are
 * handed to it again in case their member died before its outbox entry.
 */
final class RunReports {

    /** How often, and how far back, finished runs are handed to the MLflow mirror again. */
    private static final long MIRROR_CHECK_MILLIS = 30_000;
    private static final long MIRROR_LOOKBACK_MILLIS = 3_600_000;

    private final HazelcastInstance hazelcast;
    private final Clock clock;
    private final IMap<String, TrainingReport> runs;
    private volatile long nextMirrorCheckMillis;

    RunReports(HazelcastInstance hazelcast, Clock clock) {
        this.hazelcast = hazelcast;
        this.clock = clock;
        this.runs = TrainerMaps.trainingRuns(hazelcast);
    }

    @Nullable TrainingReport get(String runId) {
        return runs.get(runId);
    }

    void write(TrainingReport report) {
        write(report, null);
    }

    /** Writes the report; a final one goes to this member's MLflow mirror too, if it runs one (an outbox write only). */
    void write(TrainingReport report, @Nullable Trigger trigger) {
        runs.set(report.runId(), report);
        if (report.finished() && report.status() != TrainingReport.Status.SHADOW) {
            MlflowMirror.recordRun(hazelcast, MlflowRuns.of(report, trigger));
        }
    }

    /** The run whose challenger is {@code version} in shadow, if the trainer started that trial. */
    Optional<TrainingReport> inShadow(String model, int version) {
        return runs.values(Predicates.and(Predicates.equal("model", model),
                Predicates.equal("status", TrainingReport.Status.SHADOW.name()), Predicates.equal("newVersion", version)))
                .stream().findFirst();
    }

    /**
     * Hands the runs that finished lately to this member's MLflow mirror again, if it runs one:
     * a run whose member died between its report and its outbox entry, or that finished on a
     * member without a mirror, reaches MLflow anyway. The outbox drops what it has already.
     */
    void mirrorMissed() {
        long now = clock.millis();
        if (now < nextMirrorCheckMillis || !MlflowMirror.runsOn(hazelcast)) {
            return;
        }
        nextMirrorCheckMillis = now + MIRROR_CHECK_MILLIS;
        for (TrainingReport report : runs.values(Predicates.greaterEqual("finishedAtMillis", now - MIRROR_LOOKBACK_MILLIS))) {
            if (report.finished() && report.status() != TrainingReport.Status.SHADOW) {
                MlflowMirror.recordRun(hazelcast, MlflowRuns.of(report, null));
            }
        }
    }
}
