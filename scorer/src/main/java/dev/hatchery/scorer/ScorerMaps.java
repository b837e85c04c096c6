package dev.hatchery.scorer;

import com.hazelcast.jet.pipeline.JournalInitialPosition;
import com.hazelcast.jet.core.processor.SourceProcessors;
import com.hazelcast.jet.core.EventTimePolicy;
import com.hazelcast.jet.core.ProcessorMetaSupplier;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.Sink;
import dev.hatchery.registry.ReadOnlyMap;
import com.hazelcast.config.Config;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import dev.hatchery.registry.MapTtl;
import dev.hatchery.registry.SqlMappings;
import dev.hatchery.registry.online.OutcomeLogName;
import dev.hatchery.scorer.online.LoggedOutcomeSerializer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The maps the scorer owns — events in, predictions and dead letters out — with their
 * configuration, serializers and SQL mappings, and the online models' outcome logs (Ringbuffers,
 * reached through {@link dev.hatchery.scorer.online.OutcomeLog}). Other modules reach them only
 * through the typed accessors here.
 */
public final class ScorerMaps {

    public static final String EVENTS = "events";
    /** Where producers in any language write events as JSON, features by name. */
    public static final String EVENTS_JSON = "events_json";
    public static final String PREDICTIONS = "predictions";
    public static final String DEAD_LETTERS = "dead_letters";
    public static final String SHADOW_PREDICTIONS = "shadow_predictions";
    static final String FIRST_PREDICTIONS = "first_predictions";
    static final String MEMBER_SERVING = "member_serving";
    /** Each member's newest fingerprint of each online model's replica: {@link ReplicaFingerprint}. */
    public static final String REPLICA_FINGERPRINTS = "replica_fingerprints";
    /** Replicas found to differ from a checkpoint, and rebuilt: {@link ReplicaDivergence}. */
    public static final String REPLICA_DIVERGENCES = "replica_divergences";
    static final String JOB_RECOVERIES = "job_recoveries";

    /**
     * Each online model's outcome log is a Ringbuffer named this and the model's name
     * ({@link dev.hatchery.scorer.online.OutcomeLog}); they share one configuration.
     */
    public static final String OUTCOME_LOG_PREFIX = OutcomeLogName.PREFIX;

    /** Journal capacity of the events and predictions maps, across all partitions. */
    public static final int DEFAULT_JOURNAL_CAPACITY = 2_000_000;
    /**
     * Entries each online model's outcome log keeps (with one backup, so twice over in the
     * cluster): a replica that falls further behind needs a checkpoint to catch up from.
     */
    public static final int DEFAULT_OUTCOME_LOG_CAPACITY = 100_000;

    private ScorerMaps() {
    }

    public static void addSerializers(SerializationConfig serialization) {
        serialization.getCompactSerializationConfig()
                .addSerializer(new ScorerSerializers.EventSerializer())
                .addSerializer(new ScorerSerializers.PredictionSerializer())
                .addSerializer(new ScorerSerializers.DeadLetterSerializer())
                .addSerializer(new ScorerSerializers.FirstPredictionSerializer())
                .addSerializer(new ScorerSerializers.MemberServingSerializer())
                .addSerializer(new ScorerSerializers.ShadowPredictionSerializer())
                .addSerializer(new ScorerSerializers.JobRecoverySerializer())
                .addSerializer(new LoggedOutcomeSerializer())
                .addSerializer(new ScorerSerializers.ReplicaFingerprintSerializer())
                .addSerializer(new ScorerSerializers.ReplicaDivergenceSerializer());
    }

    /**
     * Member-side configuration. The events, JSON events and predictions maps keep a journal: the
     * scoring job reads the first two, the feedback job the third. A journal too small for the backlog
     * loses events, so size it for the longest stall you want to survive. Shadow predictions
     * are kept for {@link HolderSettings#shadowRetentionMillis()} of the settings given to
     * {@link HolderSettings#applyTo}, before or after this call.
     */
    public static void configure(Config config, int journalCapacity) {
        addSerializers(config.getSerializationConfig());
        for (String journaled : new String[] {EVENTS, EVENTS_JSON, PREDICTIONS}) {
            config.getMapConfig(journaled).getEventJournalConfig().setEnabled(true).setCapacity(journalCapacity);
        }
        retainShadowPredictions(config, HolderSettings.of(config).shadowRetentionMillis());
        if (config.getRingbufferConfigs().get(OUTCOME_LOG_PREFIX + "*") == null) {
            configureOutcomeLog(config, DEFAULT_OUTCOME_LOG_CAPACITY);
        }
    }

    /**
     * The outcome logs' configuration, on members (before or after {@link #configure}, which sets
     * {@link #DEFAULT_OUTCOME_LOG_CAPACITY} unless this came first): {@code capacity} entries per
     * model, one synchronous backup, no expiry. Appends overwrite the oldest entry when a log is full.
     */
    public static void configureOutcomeLog(Config config, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an outcome log of " + capacity + " entries: it needs 1 or more, "
                    + DEFAULT_OUTCOME_LOG_CAPACITY + " by default");
        }
        config.addRingBufferConfig(new RingbufferConfig(OUTCOME_LOG_PREFIX + "*").setCapacity(capacity)
                .setBackupCount(1).setAsyncBackupCount(0).setTimeToLiveSeconds(0));
    }

    /** The name of {@code model}'s outcome log. */
    public static String outcomeLogName(String model) {
        return OutcomeLogName.of(model);
    }

    /** A shadow trial reads its predictions within the retention; after it they would only fill the heap. */
    static void retainShadowPredictions(Config config, long retentionMillis) {
        config.getMapConfig(SHADOW_PREDICTIONS).setTimeToLiveSeconds(MapTtl.seconds(retentionMillis));
    }

    public static void createSqlMappings(HazelcastInstance hazelcast) {
        var sql = hazelcast.getSql();
        sql.executeUpdate(SqlMappings.compact(EVENTS, ScorerSerializers.EVENT, "id VARCHAR", "model VARCHAR",
                "time_millis BIGINT"));
        sql.executeUpdate("CREATE OR REPLACE MAPPING " + EVENTS_JSON + " TYPE IMap OPTIONS ('keyFormat' = 'varchar',"
                + " 'valueFormat' = 'json')");
        sql.executeUpdate(SqlMappings.compact(PREDICTIONS, ScorerSerializers.PREDICTION, "event_id VARCHAR",
                "model VARCHAR", "version INT", "epoch BIGINT", "predicted_class INT", "predicted_label VARCHAR",
                "probability DOUBLE", "event_time_millis BIGINT", "scored_at_millis BIGINT", "job_id BIGINT",
                "execution_id BIGINT", "revision BIGINT"));
        sql.executeUpdate(SqlMappings.compact(DEAD_LETTERS, ScorerSerializers.DEAD_LETTER, "key VARCHAR",
                "source VARCHAR", "model VARCHAR", "reason VARCHAR", "payload VARCHAR", "at_millis BIGINT"));
        sql.executeUpdate(SqlMappings.compact(FIRST_PREDICTIONS, ScorerSerializers.FIRST_PREDICTION, "model VARCHAR",
                "version INT", "epoch BIGINT", "event_id VARCHAR", "member VARCHAR", "at_millis BIGINT"));
        sql.executeUpdate(SqlMappings.compact(MEMBER_SERVING, ScorerSerializers.MEMBER_SERVING, "model VARCHAR",
                "member VARCHAR", "member_uuid VARCHAR", "version INT", "epoch BIGINT", "staged BOOLEAN",
                "load_millis BIGINT", "activated_at_micros BIGINT", "revision BIGINT", "lag BIGINT"));
        sql.executeUpdate(SqlMappings.compact(REPLICA_FINGERPRINTS, ScorerSerializers.REPLICA_FINGERPRINT,
                "model VARCHAR", "member VARCHAR", "version INT", "sequence BIGINT", "revision BIGINT", "sha256 VARCHAR",
                "at_millis BIGINT"));
        sql.executeUpdate(SqlMappings.compact(REPLICA_DIVERGENCES, ScorerSerializers.REPLICA_DIVERGENCE,
                "model VARCHAR", "member VARCHAR", "sequence BIGINT", "revision BIGINT", "sha256 VARCHAR",
                "checkpoint_version INT", "checkpoint_sha256 VARCHAR", "reason VARCHAR", "at_millis BIGINT"));
        sql.executeUpdate(SqlMappings.compact(SHADOW_PREDICTIONS, ScorerSerializers.SHADOW_PREDICTION,
                "event_id VARCHAR", "model VARCHAR", "shadow_version INT", "serving_version INT",
                "serving_epoch BIGINT", "predicted_class INT", "predicted_label VARCHAR", "probability DOUBLE",
                "event_time_millis BIGINT", "scored_at_millis BIGINT"));
        sql.executeUpdate(SqlMappings.compact(JOB_RECOVERIES, ScorerSerializers.JOB_RECOVERY, "job VARCHAR",
                "resumes INT", "last_resumed_at_millis BIGINT", "last_cause VARCHAR", "member VARCHAR", "streak INT",
                "streak_since_millis BIGINT"));
    }

    /** Where producers write events, keyed by whatever key they like (the event id is usual). */
    public static IMap<String, Event> events(HazelcastInstance hazelcast) {
        return hazelcast.getMap(EVENTS);
    }

    /**
     * The events at {@code keys}, from the events map and, for keys it lacks, from
     * {@code events_json}, with their features in the order of {@code featureNames}; an event
     * that lacks one of them or has others, or that is no event, is left out.
     */
    public static Map<String, Event> events(HazelcastInstance hazelcast, Set<String> keys, List<String> featureNames) {
        Map<String, Event> found = new HashMap<>(events(hazelcast).getAll(keys));
        Set<String> rest = new HashSet<>(keys);
        rest.removeAll(found.keySet());
        if (!rest.isEmpty()) {
            IMap<String, Object> json = hazelcast.getMap(EVENTS_JSON);
            json.getAll(rest).forEach((key, value) -> {
                if (value instanceof HazelcastJsonValue text) {
                    JsonEvents.event(text.toString())
                            .filter(event -> EventChecks.namesMismatch(event, featureNames) == null)
                            .ifPresent(event -> found.put(key, EventChecks.inOrderOf(event, featureNames)));
                }
            });
        }
        return found;
    }

    /** One prediction per event id. */
    public static IMap<String, Prediction> predictions(HazelcastInstance hazelcast) {
        return hazelcast.getMap(PREDICTIONS);
    }

    /**
     * What each model's shadow version predicted, one entry per event id scored while the shadow
     * ran; the served prediction of the same event is in {@link #predictions}. Entries expire
     * after {@link HolderSettings#shadowRetentionMillis()}.
     */
    public static IMap<String, ShadowPrediction> shadowPredictions(HazelcastInstance hazelcast) {
        return hazelcast.getMap(SHADOW_PREDICTIONS);
    }

    /** The event ids of every shadow prediction {@code shadowVersion} of {@code model} made that is still kept. */
    public static Set<String> shadowPredictionIds(HazelcastInstance hazelcast, String model, int shadowVersion) {
        return shadowPredictions(hazelcast).keySet(Predicates.and(Predicates.equal("model", model),
                Predicates.equal("shadow_version", shadowVersion)));
    }

    public static IMap<String, DeadLetter> deadLetters(HazelcastInstance hazelcast) {
        return hazelcast.getMap(DEAD_LETTERS);
    }

    /** The dead letters of {@code model}'s events (not of its labels), for a query on the members. */
    public static Predicate<String, DeadLetter> deadLetteredEventsOf(String model) {
        return Predicates.and(Predicates.equal("source", DeadLetter.EVENT_SOURCE), Predicates.equal("model", model));
    }

    /** Per model and member ({@code model@member}), what that member's holder serves since its last swap. */
    public static IMap<String, MemberServing> memberServing(HazelcastInstance hazelcast) {
        return hazelcast.getMap(MEMBER_SERVING);
    }

    /** Per job name, the job's resumes after failures ({@link JobWatch}); no entry if it never needed one. */
    public static IMap<String, JobRecovery> jobRecoveries(HazelcastInstance hazelcast) {
        return hazelcast.getMap(JOB_RECOVERIES);
    }

    /** Per model version and member, the first event it scored there. */
    public static IMap<String, FirstPrediction> firstPredictions(HazelcastInstance hazelcast) {
        return hazelcast.getMap(FIRST_PREDICTIONS);
    }

    /**
     * Where the feedback job dead-letters labels: the scorer owns the dead letters, so that
     * {@code redrive}, {@code status} and the audit find every one in one place.
     */
    public static Sink<DeadLetter> deadLetterSink() {
        return Sinks.map(DEAD_LETTERS, DeadLetter::key, letter -> letter);
    }

    /** Every prediction in the journal, from the oldest it holds, for a job that follows them. */
    public static ProcessorMetaSupplier predictionJournalP(
            EventTimePolicy<? super Map.Entry<String, Prediction>> policy) {
        return SourceProcessors.<String, Prediction>streamMapP(PREDICTIONS, JournalInitialPosition.START_FROM_OLDEST,
                policy);
    }

    /** The scorer's maps as other modules may use them: to read. */
    public static final class ReadOnly {

        private ReadOnly() {
        }

        public static ReadOnlyMap<String, Prediction> predictions(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(ScorerMaps.predictions(hazelcast));
        }

        public static ReadOnlyMap<String, ShadowPrediction> shadowPredictions(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(ScorerMaps.shadowPredictions(hazelcast));
        }

        public static ReadOnlyMap<String, DeadLetter> deadLetters(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(ScorerMaps.deadLetters(hazelcast));
        }

        public static ReadOnlyMap<String, MemberServing> memberServing(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(ScorerMaps.memberServing(hazelcast));
        }

        public static ReadOnlyMap<String, JobRecovery> jobRecoveries(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(ScorerMaps.jobRecoveries(hazelcast));
        }

        public static ReadOnlyMap<String, FirstPrediction> firstPredictions(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(ScorerMaps.firstPredictions(hazelcast));
        }
    }
}
