package dev.hatchery.trainer;

import dev.hatchery.registry.ReadOnlyMap;
import com.hazelcast.config.Config;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.MapTtl;
import dev.hatchery.registry.SqlMappings;

/**
 * The maps the trainer owns: run reports, its memory per model, the training leases, pending
 * and active runs, operators' pauses, models defined before their first version, and the rows
 * each run trained on.
 */
public final class TrainerMaps {

    public static final String TRAINING_RUNS = "training_runs";
    public static final String TRAINER_PAUSES = "trainer_pauses";
    public static final String PROBATIONS = "probations";
    static final String TRAINER_STATE = "trainer_state";
    static final String LEASES = "trainer_leases";
    static final String REQUESTS = "training_requests";
    static final String ACTIVE = "trainer_active";
    /**
     * The event ids each run trained and held out on, keyed by run id (for reproducing it); and
     * the ids a defined model's v1 trained on, keyed by {@link #bootstrapRowsKey}.
     */
    static final String WINDOWS = "training_windows";
    static final String DEFINITIONS = "model_definitions";

    private TrainerMaps() {
    }

    /** A model is bootstrapped at most once, so its name is key enough beside the run ids. */
    static String bootstrapRowsKey(String model) {
        return "bootstrap/" + model;
    }

    /**
     * The serializer of the run reports ({@link TrainingReportSerializer}); every member and every
     * client that reads or writes {@code training_runs} needs it, since the report's parts are not
     * the flat fields it is stored as.
     */
    public static void addSerializers(SerializationConfig serialization) {
        serialization.getCompactSerializationConfig().addSerializer(new TrainingReportSerializer());
    }

    /**
     * Member-side configuration: the serializers; and a run's window rows, kept as long as the
     * outcomes they name ({@code retentionMillis}, the feedback's): after that the run cannot be
     * repeated anyway.
     */
    public static void configure(Config config, long retentionMillis) {
        addSerializers(config.getSerializationConfig());
        config.getMapConfig(WINDOWS).setTimeToLiveSeconds(MapTtl.seconds(retentionMillis));
    }

    public static void createSqlMappings(HazelcastInstance hazelcast) {
        hazelcast.getSql().executeUpdate(SqlMappings.compact(TRAINING_RUNS, TrainingReportSerializer.TYPE_NAME,
                TrainingReport.COLUMNS.toArray(String[]::new)));
        hazelcast.getSql().executeUpdate(SqlMappings.compact(TRAINER_PAUSES, SchedulePause.class.getName(),
                "model VARCHAR", "by VARCHAR", "reason VARCHAR", "sinceMillis BIGINT"));
        hazelcast.getSql().executeUpdate(SqlMappings.compact(PROBATIONS, Probation.class.getName(), Probation.COLUMNS));
    }

    /** Keyed by run id. */
    public static IMap<String, TrainingReport> trainingRuns(HazelcastInstance hazelcast) {
        return hazelcast.getMap(TRAINING_RUNS);
    }

    /** Models declared before their first version ({@link ModelDefinition}), keyed by model. */
    public static IMap<String, ModelDefinition> definitions(HazelcastInstance hazelcast) {
        return hazelcast.getMap(DEFINITIONS);
    }

    /** Keyed by model. */
    public static IMap<String, SchedulePause> pauses(HazelcastInstance hazelcast) {
        return hazelcast.getMap(TRAINER_PAUSES);
    }

    /** Keyed by model: the latest automatic deployment's probation. */
    public static IMap<String, Probation> probations(HazelcastInstance hazelcast) {
        return hazelcast.getMap(PROBATIONS);
    }

    /** The trainer's maps as other modules may use them: to read. */
    public static final class ReadOnly {

        private ReadOnly() {
        }

        public static ReadOnlyMap<String, TrainingReport> trainingRuns(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(TrainerMaps.trainingRuns(hazelcast));
        }

        public static ReadOnlyMap<String, Probation> probations(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(TrainerMaps.probations(hazelcast));
        }
    }
}
