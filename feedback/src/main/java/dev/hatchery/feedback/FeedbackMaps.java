package dev.hatchery.feedback;

import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.ReadOnlyMap;
import com.hazelcast.config.Config;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.feedback.datadrift.FeatureReference;
import dev.hatchery.registry.MapTtl;
import dev.hatchery.registry.SqlMappings;

/**
 * The maps the feedback side owns: labels in; outcomes, quality per version, model health and
 * drift signals out. Records here use Compact serialization without configuration, so their
 * SQL type names are their class names.
 */
public final class FeedbackMaps {

    public static final String LABELS = "labels";
    public static final String OUTCOMES = "outcomes";
    public static final String QUALITY = "quality";
    public static final String MODEL_HEALTH = "model_health";
    public static final String DRIFT_SIGNALS = "drift_signals";
    public static final String LABEL_COUNTS = "label_counts";
    public static final String FEATURE_REFERENCES = "feature_references";
    public static final String DATA_DRIFT = "data_drift";

    private FeedbackMaps() {
    }

    /** The serializer of the labels producers write; every member and every client that writes labels has it. */
    public static void addSerializers(SerializationConfig serialization) {
        serialization.getCompactSerializationConfig().addSerializer(new LabelSerializer());
    }

    /** With the default feedback settings' horizon and retention. */
    public static void configure(Config config, int journalCapacity) {
        configure(config, journalCapacity, FeedbackSettings.DEFAULTS);
    }

    /**
     * Journals, indexes, and the time each entry is kept: a label as long as the longest label
     * horizon (after that the join has forgotten its event); outcomes, quality rows and label
     * counts for the retention, which is at least that. Nothing here grows without bound.
     */
    public static void configure(Config config, int journalCapacity, FeedbackSettings settings) {
        addSerializers(config.getSerializationConfig());
        config.getMapConfig(LABELS).setTimeToLiveSeconds(MapTtl.seconds(settings.longestHorizonMillis()))
                .getEventJournalConfig().setEnabled(true).setCapacity(journalCapacity);
        // The trainer reads windows of outcomes by model and event time.
        config.getMapConfig(OUTCOMES).setTimeToLiveSeconds(MapTtl.seconds(settings.retentionMillis()))
                .addIndexConfig(new com.hazelcast.config.IndexConfig(IndexType.HASH, "model"))
                .addIndexConfig(new com.hazelcast.config.IndexConfig(IndexType.SORTED, "eventTimeMillis"));
        config.getMapConfig(QUALITY).setTimeToLiveSeconds(MapTtl.seconds(settings.retentionMillis()))
                .addIndexConfig(new com.hazelcast.config.IndexConfig(IndexType.HASH, "model"));
        config.getMapConfig(LABEL_COUNTS).setTimeToLiveSeconds(MapTtl.seconds(settings.retentionMillis()));
    }

    public static void createSqlMappings(HazelcastInstance hazelcast) {
        var sql = hazelcast.getSql();
        sql.executeUpdate(SqlMappings.compact(LABELS, LabelSerializer.TYPE_NAME, "event_id VARCHAR", "model VARCHAR",
                "label VARCHAR", "time_millis BIGINT"));
        sql.executeUpdate(SqlMappings.compact(OUTCOMES, Outcome.class.getName(), "eventId VARCHAR", "model VARCHAR",
                "version INT", "epoch BIGINT", "trueClass INT", "trueLabel VARCHAR", "predictedClass INT",
                "predictedLabel VARCHAR", "eventTimeMillis BIGINT", "labelledAtMillis BIGINT"));
        sql.executeUpdate(SqlMappings.compact(QUALITY, WindowQuality.class.getName(), "model VARCHAR", "version INT",
                "windowKind VARCHAR", "windowMillis BIGINT", "windowStart BIGINT", "windowEnd BIGINT",
                "scored BIGINT", "labelled BIGINT", "correct BIGINT", "accuracy DOUBLE", "coverage DOUBLE",
                "logLoss DOUBLE", "macroF1 DOUBLE", "perClass VARCHAR", "updatedAtMillis BIGINT"));
        sql.executeUpdate(SqlMappings.compact(DATA_DRIFT, DataDriftState.class.getName(), "model VARCHAR",
                "version INT", "epoch BIGINT", "position BIGINT", "events INT", "drifted BOOLEAN",
                "driftedFeatures VARCHAR", "maxPsi DOUBLE", "maxKsStatistic DOUBLE", "detail VARCHAR",
                "checkedAtMillis BIGINT"));
        sql.executeUpdate(SqlMappings.compact(LABEL_COUNTS, LabelCounts.class.getName(), "model VARCHAR",
                "labelled BIGINT", "labelledBeforePrediction BIGINT", "duplicates BIGINT", "pastHorizon BIGINT",
                "unlabelled BIGINT", "withoutPrediction BIGINT", "updatedAtMillis BIGINT"));
        sql.executeUpdate(SqlMappings.compact(MODEL_HEALTH, ModelHealth.class.getName(), "model VARCHAR",
                "version INT", "epoch BIGINT", "state VARCHAR", "rollingAccuracy DOUBLE", "errorRate DOUBLE",
                "outcomes BIGINT", "lastEventId VARCHAR", "updatedAtMillis BIGINT"));
        sql.executeUpdate(SqlMappings.compact(DRIFT_SIGNALS, DriftSignal.class.getName(), "model VARCHAR",
                "version INT", "epoch BIGINT", "sequence BIGINT", "detectedAtEventId VARCHAR",
                "detectedAtEventTimeMillis BIGINT", "driftSinceEventTimeMillis BIGINT", "errorRate DOUBLE",
                "detectedAtMillis BIGINT", "detector VARCHAR", "position BIGINT", "statistic DOUBLE"));
    }

    /** Where the truth goes, keyed by event id. */
    public static IMap<String, Label> labels(HazelcastInstance hazelcast) {
        return hazelcast.getMap(LABELS);
    }

    public static IMap<String, Outcome> outcomes(HazelcastInstance hazelcast) {
        return hazelcast.getMap(OUTCOMES);
    }

    /** Keyed {@code model/vN/kind-sizeMillis/windowEnd}: see {@link WindowQuality}. */
    public static IMap<String, WindowQuality> quality(HazelcastInstance hazelcast) {
        return hazelcast.getMap(QUALITY);
    }

    /**
     * The training reference of each version (keyed like {@code ModelVersion.key}: {@code model/vN}), for data drift: written by the
     * trainer with the version, kept as long as the version.
     */
    public static IMap<String, FeatureReference> references(HazelcastInstance hazelcast) {
        return hazelcast.getMap(FEATURE_REFERENCES);
    }

    /** The latest data-drift check of each model, keyed by model. */
    public static IMap<String, DataDriftState> dataDrift(HazelcastInstance hazelcast) {
        return hazelcast.getMap(DATA_DRIFT);
    }

    /** Keyed by model. */
    public static IMap<String, LabelCounts> labelCounts(HazelcastInstance hazelcast) {
        return hazelcast.getMap(LABEL_COUNTS);
    }

    /** Keyed by model. */
    public static IMap<String, ModelHealth> health(HazelcastInstance hazelcast) {
        return hazelcast.getMap(MODEL_HEALTH);
    }

    /** The latest drift signal of each model, keyed by model. */
    public static IMap<String, DriftSignal> driftSignals(HazelcastInstance hazelcast) {
        return hazelcast.getMap(DRIFT_SIGNALS);
    }

    /** Keeps the training reference of a version the trainer has just registered, for data drift. */
    public static void recordReference(HazelcastInstance hazelcast, String model, int version,
            FeatureReference reference) {
        references(hazelcast).set(ModelVersion.key(model, version), reference);
    }

    /** The feedback side's maps as other modules may use them: to read. */
    public static final class ReadOnly {

        private ReadOnly() {
        }

        public static ReadOnlyMap<String, Label> labels(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(FeedbackMaps.labels(hazelcast));
        }

        public static ReadOnlyMap<String, Outcome> outcomes(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(FeedbackMaps.outcomes(hazelcast));
        }

        public static ReadOnlyMap<String, WindowQuality> quality(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(FeedbackMaps.quality(hazelcast));
        }

        public static ReadOnlyMap<String, FeatureReference> references(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(FeedbackMaps.references(hazelcast));
        }

        public static ReadOnlyMap<String, DataDriftState> dataDrift(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(FeedbackMaps.dataDrift(hazelcast));
        }

        public static ReadOnlyMap<String, ModelHealth> health(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(FeedbackMaps.health(hazelcast));
        }

        public static ReadOnlyMap<String, DriftSignal> driftSignals(HazelcastInstance hazelcast) {
            return ReadOnlyMap.of(FeedbackMaps.driftSignals(hazelcast));
        }
    }
}
