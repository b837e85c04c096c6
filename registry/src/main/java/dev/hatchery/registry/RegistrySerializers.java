package dev.hatchery.registry;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.Arrays;
import java.util.List;

/** Compact serializers of the registry's records, with stable type names for SQL. */
final class RegistrySerializers {

    static final String MODEL_VERSION = "hatchery.ModelVersion";
    static final String DEPLOYMENT = "hatchery.Deployment";
    static final String REFUSAL = "hatchery.Refusal";
    static final String SHADOW = "hatchery.Shadow";
    static final String SHADOW_END = "hatchery.ShadowEnd";
    static final String PIN = "hatchery.Pin";
    static final String AUDIT_ENTRY = "hatchery.AuditEntry";

    private RegistrySerializers() {
    }

    static List<String> strings(String[] array) {
        return List.of(array);
    }

    static String[] array(List<String> list) {
        return list.toArray(String[]::new);
    }

    /**
     * Version records, batch and online in one type. Fields added for online checkpoints (from
     * {@code kind} on) are absent from records written before them: those read as batch versions.
     * A batch version writes them as nulls (nullable kinds), so that SQL shows NULL, not a
     * revision 0, for what a batch version does not have.
     */
    static final class ModelVersionSerializer implements CompactSerializer<ModelVersion> {
        @Override
        public ModelVersion read(CompactReader in) {
            boolean online = in.getFieldKind("kind") != FieldKind.NOT_AVAILABLE
                    && ModelKind.parse(in.readString("kind")) == ModelKind.ONLINE;
            Lineage lineage = online
                    ? new Lineage.Online(in.readString("learner"), in.readNullableInt32("seed"),
                            in.readNullableInt32("max_classes"), in.readNullableInt64("revision"),
                            in.readNullableInt64("from_sequence"), in.readNullableInt64("to_sequence"),
                            in.readNullableInt64("period_outcomes"), in.readNullableInt64("period_correct"))
                    : new Lineage.Batch(Algorithm.parse(in.readString("algorithm")));
            return new ModelVersion(
                    in.readString("model"),
                    in.readInt32("version"),
                    lineage,
                    strings(in.readArrayOfString("features")),
                    strings(in.readArrayOfString("classes")),
                    in.readString("sha256"),
                    in.readInt32("size_bytes"),
                    in.readInt64("created_at_millis"),
                    in.readInt32("training_rows"),
                    in.readFloat64("holdout_accuracy"),
                    in.readString("run_id"));
        }

        @Override
        public void write(CompactWriter out, ModelVersion v) {
            out.writeString("model", v.model());
            out.writeInt32("version", v.version());
            out.writeString("algorithm", v.lineage() instanceof Lineage.Batch batch ? batch.algorithm().id() : null);
            out.writeArrayOfString("features", array(v.features()));
            out.writeArrayOfString("classes", array(v.classes()));
            out.writeString("sha256", v.sha256());
            out.writeInt32("size_bytes", v.sizeBytes());
            out.writeInt64("created_at_millis", v.createdAtMillis());
            out.writeInt32("training_rows", v.trainingRows());
            out.writeFloat64("holdout_accuracy", v.holdoutAccuracy());
            out.writeString("run_id", v.runId());
            out.writeString("kind", v.kind().id());
            Lineage.Online online = v.lineage() instanceof Lineage.Online o ? o : null;
            out.writeString("learner", online == null ? null : online.learner());
            out.writeNullableInt32("seed", online == null ? null : online.seed());
            out.writeNullableInt32("max_classes", online == null ? null : online.maxClasses());
            out.writeNullableInt64("revision", online == null ? null : online.revision());
            out.writeNullableInt64("from_sequence", online == null ? null : online.fromSequence());
            out.writeNullableInt64("to_sequence", online == null ? null : online.toSequence());
            out.writeNullableInt64("period_outcomes", online == null ? null : online.periodOutcomes());
            out.writeNullableInt64("period_correct", online == null ? null : online.periodCorrect());
        }

        @Override
        public String getTypeName() {
            return MODEL_VERSION;
        }

        @Override
        public Class<ModelVersion> getCompactClass() {
            return ModelVersion.class;
        }
    }

    static final class DeploymentSerializer implements CompactSerializer<Deployment> {
        @Override
        public Deployment read(CompactReader in) {
            int[] stack = in.readArrayOfInt32("rollback_stack");
            return new Deployment(
                    in.readString("model"),
                    in.readInt32("version"),
                    in.readInt64("epoch"),
                    Deployment.Action.valueOf(in.readString("action")),
                    in.readInt64("published_at_millis"),
                    in.readString("by"),
                    in.readString("reason"),
                    Arrays.stream(stack == null ? new int[0] : stack).boxed().toList(),
                    // Pointers written before online models name no log position.
                    in.getFieldKind("log_sequence") == FieldKind.INT64 ? in.readInt64("log_sequence")
                            : Deployment.NO_LOG_SEQUENCE);
        }

        @Override
        public void write(CompactWriter out, Deployment d) {
            out.writeString("model", d.model());
            out.writeInt32("version", d.version());
            out.writeInt64("epoch", d.epoch());
            out.writeString("action", d.action().name());
            out.writeInt64("published_at_millis", d.publishedAtMillis());
            out.writeString("by", d.by());
            out.writeString("reason", d.reason());
            out.writeArrayOfInt32("rollback_stack", d.rollbackStack().stream().mapToInt(Integer::intValue).toArray());
            out.writeInt64("log_sequence", d.logSequence());
        }

        @Override
        public String getTypeName() {
            return DEPLOYMENT;
        }

        @Override
        public Class<Deployment> getCompactClass() {
            return Deployment.class;
        }
    }

    static final class RefusalSerializer implements CompactSerializer<Refusal> {
        @Override
        public Refusal read(CompactReader in) {
            return new Refusal(in.readString("model"), in.readInt32("version"), in.readInt64("epoch"),
                    in.readString("member"), in.readString("reason"), in.readInt64("at_millis"));
        }

        @Override
        public void write(CompactWriter out, Refusal r) {
            out.writeString("model", r.model());
            out.writeInt32("version", r.version());
            out.writeInt64("epoch", r.epoch());
            out.writeString("member", r.member());
            out.writeString("reason", r.reason());
            out.writeInt64("at_millis", r.atMillis());
        }

        @Override
        public String getTypeName() {
            return REFUSAL;
        }

        @Override
        public Class<Refusal> getCompactClass() {
            return Refusal.class;
        }
    }

    static final class ShadowSerializer implements CompactSerializer<Shadow> {
        @Override
        public Shadow read(CompactReader in) {
            return new Shadow(in.readString("model"), in.readInt32("version"), in.readInt64("started_at_millis"),
                    in.readString("by"), in.readString("reason"));
        }

        @Override
        public void write(CompactWriter out, Shadow s) {
            out.writeString("model", s.model());
            out.writeInt32("version", s.version());
            out.writeInt64("started_at_millis", s.startedAtMillis());
            out.writeString("by", s.by());
            out.writeString("reason", s.reason());
        }

        @Override
        public String getTypeName() {
            return SHADOW;
        }

        @Override
        public Class<Shadow> getCompactClass() {
            return Shadow.class;
        }
    }

    /** Flat, so that SQL sees the trial's columns and queries filter on {@code model}. */
    static final class ShadowEndSerializer implements CompactSerializer<ShadowEnd> {
        @Override
        public ShadowEnd read(CompactReader in) {
            Shadow shadow = new Shadow(in.readString("model"), in.readInt32("version"),
                    in.readInt64("started_at_millis"), in.readString("started_by"), in.readString("start_reason"));
            return new ShadowEnd(shadow, in.readInt64("ended_at_millis"), in.readString("ended_by"),
                    in.readString("end_reason"));
        }

        @Override
        public void write(CompactWriter out, ShadowEnd e) {
            out.writeString("model", e.shadow().model());
            out.writeInt32("version", e.shadow().version());
            out.writeInt64("started_at_millis", e.shadow().startedAtMillis());
            out.writeString("started_by", e.shadow().by());
            out.writeString("start_reason", e.shadow().reason());
            out.writeInt64("ended_at_millis", e.endedAtMillis());
            out.writeString("ended_by", e.by());
            out.writeString("end_reason", e.reason());
        }

        @Override
        public String getTypeName() {
            return SHADOW_END;
        }

        @Override
        public Class<ShadowEnd> getCompactClass() {
            return ShadowEnd.class;
        }
    }

    static final class PinSerializer implements CompactSerializer<Pin> {
        @Override
        public Pin read(CompactReader in) {
            return new Pin(in.readString("model"), in.readInt64("since_millis"), in.readString("by"),
                    in.readString("reason"));
        }

        @Override
        public void write(CompactWriter out, Pin pin) {
            out.writeString("model", pin.model());
            out.writeInt64("since_millis", pin.sinceMillis());
            out.writeString("by", pin.by());
            out.writeString("reason", pin.reason());
        }

        @Override
        public String getTypeName() {
            return PIN;
        }

        @Override
        public Class<Pin> getCompactClass() {
            return Pin.class;
        }
    }

    static final class AuditEntrySerializer implements CompactSerializer<AuditEntry> {
        @Override
        public AuditEntry read(CompactReader in) {
            return new AuditEntry(in.readString("model"), in.readInt64("at_millis"), in.readString("actor"),
                    in.readString("command"), in.readString("reason"), in.readString("result"));
        }

        @Override
        public void write(CompactWriter out, AuditEntry entry) {
            out.writeString("model", entry.model());
            out.writeInt64("at_millis", entry.atMillis());
            out.writeString("actor", entry.actor());
            out.writeString("command", entry.command());
            out.writeString("reason", entry.reason());
            out.writeString("result", entry.result());
        }

        @Override
        public String getTypeName() {
            return AUDIT_ENTRY;
        }

        @Override
        public Class<AuditEntry> getCompactClass() {
            return AuditEntry.class;
        }
    }
}
