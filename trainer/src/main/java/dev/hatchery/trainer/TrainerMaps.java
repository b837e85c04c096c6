package dev.hatchery.trainer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.SqlMappings;

/** The maps the trainer owns: run reports, its memory per model, and the training leases. */
public final class TrainerMaps {

    public static final String TRAINING_RUNS = "training_runs";
    static final String TRAINER_STATE = "trainer_state";
    static final String LEASES = "trainer_leases";

    private TrainerMaps() {
    }

    public static void createSqlMappings(HazelcastInstance hazelcast) {
        hazelcast.getSql().executeUpdate(
                SqlMappings.compact(TRAINING_RUNS, TrainingReport.class.getName(), "runId VARCHAR", "model VARCHAR",
                        "trigger VARCHAR", "status VARCHAR", "algorithm VARCHAR", "trainingRows INT", "holdoutRows INT",
                        "trainMillis BIGINT", "challengerAccuracy DOUBLE", "championAccuracy DOUBLE",
                        "championVersion INT", "newVersion INT", "epoch BIGINT", "detail VARCHAR", "member VARCHAR",
                        "startedAtMillis BIGINT", "finishedAtMillis BIGINT"));
    }

    /** Keyed by run id. */
    public static IMap<String, TrainingReport> trainingRuns(HazelcastInstance hazelcast) {
        return hazelcast.getMap(TRAINING_RUNS);
    }
}
