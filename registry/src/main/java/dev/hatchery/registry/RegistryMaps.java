package dev.hatchery.registry;

import com.hazelcast.config.Config;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.sql.SqlService;
import dev.hatchery.registry.mlflow.MlflowMaps;

/**
 * The maps the registry owns: their configuration on a member, the serializers every member
 * and client needs, and their SQL mappings so operators can query them from any client.
 */
public final class RegistryMaps {

    static final String VERSIONS = "model_versions";
    static final String ARTIFACTS = "model_artifacts";
    static final String SEQUENCES = "model_sequences";
    static final String DEPLOYMENTS = "deployments";
    static final String HISTORY = "deployment_history";
    static final String REFUSALS = "model_refusals";
    static final String SHADOWS = "shadows";
    static final String SHADOW_HISTORY = "shadow_history";
    static final String PINS = "pins";
    static final String AUDIT = "audit";

    private RegistryMaps() {
    }

    /** Serializers for the registry's records; needed by members and clients alike. */
    public static void addSerializers(SerializationConfig serialization) {
        serialization.getCompactSerializationConfig()
                .addSerializer(new RegistrySerializers.ModelVersionSerializer())
                .addSerializer(new RegistrySerializers.DeploymentSerializer())
                .addSerializer(new RegistrySerializers.RefusalSerializer())
                .addSerializer(new RegistrySerializers.ShadowSerializer())
                .addSerializer(new RegistrySerializers.ShadowEndSerializer())
                .addSerializer(new RegistrySerializers.PinSerializer())
                .addSerializer(new RegistrySerializers.AuditEntrySerializer());
        MlflowMaps.addSerializers(serialization);
    }

    /** Member-side configuration of the registry's maps. */
    public static void configure(Config config) {
        addSerializers(config.getSerializationConfig());
        // The pointer and the versions are the system of record: keep a backup of each.
        for (String name : new String[] {VERSIONS, ARTIFACTS, SEQUENCES, DEPLOYMENTS, HISTORY, REFUSALS, SHADOWS,
            SHADOW_HISTORY, PINS, AUDIT}) {
            config.getMapConfig(name).setBackupCount(1);
        }
        MlflowMaps.configure(config);
    }

    /** Creates (or replaces) the SQL mappings of the registry's queryable maps. */
    public static void createSqlMappings(HazelcastInstance hazelcast) {
        SqlService sql = hazelcast.getSql();
        sql.executeUpdate(SqlMappings.compact(VERSIONS, RegistrySerializers.MODEL_VERSION, "model VARCHAR",
                "version INT", "algorithm VARCHAR", "sha256 VARCHAR", "size_bytes INT", "created_at_millis BIGINT",
                "training_rows INT", "holdout_accuracy DOUBLE", "run_id VARCHAR", "kind VARCHAR", "learner VARCHAR",
                "seed INT", "max_classes INT", "revision BIGINT", "from_sequence BIGINT", "to_sequence BIGINT",
                "period_outcomes BIGINT", "period_correct BIGINT"));
        String[] deployment = {"model VARCHAR", "version INT", "epoch BIGINT", "action VARCHAR",
            "published_at_millis BIGINT", "by VARCHAR", "reason VARCHAR"};
        sql.executeUpdate(SqlMappings.compact(DEPLOYMENTS, RegistrySerializers.DEPLOYMENT, deployment));
        sql.executeUpdate(SqlMappings.compact(HISTORY, RegistrySerializers.DEPLOYMENT, deployment));
        sql.executeUpdate(SqlMappings.compact(REFUSALS, RegistrySerializers.REFUSAL, "model VARCHAR", "version INT",
                "epoch BIGINT", "member VARCHAR", "reason VARCHAR", "at_millis BIGINT"));
        sql.executeUpdate(SqlMappings.compact(SHADOWS, RegistrySerializers.SHADOW, "model VARCHAR", "version INT",
                "started_at_millis BIGINT", "by VARCHAR", "reason VARCHAR"));
        sql.executeUpdate(SqlMappings.compact(SHADOW_HISTORY, RegistrySerializers.SHADOW_END, "model VARCHAR",
                "version INT", "started_at_millis BIGINT", "started_by VARCHAR", "start_reason VARCHAR",
                "ended_at_millis BIGINT", "ended_by VARCHAR", "end_reason VARCHAR"));
        sql.executeUpdate(SqlMappings.compact(PINS, RegistrySerializers.PIN, "model VARCHAR",
                "since_millis BIGINT", "by VARCHAR", "reason VARCHAR"));
        sql.executeUpdate(SqlMappings.compact(AUDIT, RegistrySerializers.AUDIT_ENTRY, "model VARCHAR",
                "at_millis BIGINT", "actor VARCHAR", "command VARCHAR", "reason VARCHAR", "result VARCHAR"));
        MlflowMaps.createSqlMappings(hazelcast);
    }
}
