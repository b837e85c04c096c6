package dev.hatchery.registry.mlflow;

import com.hazelcast.config.Config;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import dev.hatchery.registry.SqlMappings;

/**
 * The mirror's maps: the outbox, its per-model sequence, the ids MLflow gave to what was mirrored,
 * the mirror's state per model and the lease of the member that pushes.
 */
public final class MlflowMaps {

    static final String OUTBOX = "mlflow_outbox";
    static final String SEQUENCES = "mlflow_sequences";
    static final String IDS = "mlflow_ids";
    static final String MIRROR = "mlflow_mirror";
    static final String LEASE = "mlflow_lease";

    static final String OUTBOX_ENTRY = "hatchery.MlflowOutboxEntry";
    static final String MIRROR_STATUS = "hatchery.MlflowMirrorStatus";

    private MlflowMaps() {
    }

    /** Part of {@code RegistryMaps.addSerializers}: every member and client has them. */
    public static void addSerializers(SerializationConfig serialization) {
        serialization.getCompactSerializationConfig()
                .addSerializer(new OutboxEntrySerializer())
                .addSerializer(new MirrorStatusSerializer());
    }

    /** Part of {@code RegistryMaps.configure}, which adds the serializers too. */
    public static void configure(Config config) {
        // The outbox is what MLflow has not seen yet: losing it with a member would lose history there.
        for (String name : new String[] {OUTBOX, SEQUENCES, IDS, MIRROR}) {
            config.getMapConfig(name).setBackupCount(1);
        }
    }

    public static void createSqlMappings(HazelcastInstance hazelcast) {
        hazelcast.getSql().executeUpdate(SqlMappings.compact(OUTBOX, OUTBOX_ENTRY, "model VARCHAR", "sequence BIGINT",
                "kind VARCHAR", "version INT", "epoch BIGINT", "runId VARCHAR", "createdAtMillis BIGINT"));
        hazelcast.getSql().executeUpdate(SqlMappings.compact(MIRROR, MIRROR_STATUS, "model VARCHAR", "on BOOLEAN",
                "pendingEntries INT", "oldestPendingAtMillis BIGINT", "lagMillis BIGINT", "lastSyncAtMillis BIGINT",
                "lastFailureAtMillis BIGINT", "lastFailure VARCHAR", "championVersion VARCHAR", "mirroredEpoch BIGINT"));
    }

    static final class OutboxEntrySerializer implements CompactSerializer<OutboxEntry> {
        @Override
        public OutboxEntry read(CompactReader in) {
            return new OutboxEntry(in.readString("key"), in.readString("model"), in.readInt64("sequence"),
                    OutboxEntry.Kind.valueOf(in.readString("kind")), in.readInt32("version"), in.readInt64("epoch"),
                    in.readString("runId"), in.readString("payload"), in.readInt64("createdAtMillis"));
        }

        @Override
        public void write(CompactWriter out, OutboxEntry entry) {
            out.writeString("key", entry.key());
            out.writeString("model", entry.model());
            out.writeInt64("sequence", entry.sequence());
            out.writeString("kind", entry.kind().name());
            out.writeInt32("version", entry.version());
            out.writeInt64("epoch", entry.epoch());
            out.writeString("runId", entry.runId());
            out.writeString("payload", entry.payload());
            out.writeInt64("createdAtMillis", entry.createdAtMillis());
        }

        @Override
        public String getTypeName() {
            return OUTBOX_ENTRY;
        }

        @Override
        public Class<OutboxEntry> getCompactClass() {
            return OutboxEntry.class;
        }
    }

    static final class MirrorStatusSerializer implements CompactSerializer<MirrorStatus> {
        @Override
        public MirrorStatus read(CompactReader in) {
            return new MirrorStatus(in.readString("model"), in.readBoolean("on"), in.readInt32("pendingEntries"),
                    in.readInt64("oldestPendingAtMillis"), in.readInt64("lagMillis"), in.readInt64("lastSyncAtMillis"),
                    in.readInt64("lastFailureAtMillis"), in.readString("lastFailure"), in.readString("championVersion"),
                    in.readInt64("mirroredEpoch"));
        }

        @Override
        public void write(CompactWriter out, MirrorStatus status) {
            out.writeString("model", status.model());
            out.writeBoolean("on", status.on());
            out.writeInt32("pendingEntries", status.pendingEntries());
            out.writeInt64("oldestPendingAtMillis", status.oldestPendingAtMillis());
            out.writeInt64("lagMillis", status.lagMillis());
            out.writeInt64("lastSyncAtMillis", status.lastSyncAtMillis());
            out.writeInt64("lastFailureAtMillis", status.lastFailureAtMillis());
            out.writeString("lastFailure", status.lastFailure());
            out.writeString("championVersion", status.championVersion());
            out.writeInt64("mirroredEpoch", status.mirroredEpoch());
        }

        @Override
        public String getTypeName() {
            return MIRROR_STATUS;
        }

        @Override
        public Class<MirrorStatus> getCompactClass() {
            return MirrorStatus.class;
        }
    }
}
