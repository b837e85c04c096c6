package dev.hatchery.scorer;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import dev.hatchery.scorer.intake.CompactShape;

/** Compact serializers of the scorer's records, with stable type names for SQL. */
final class ScorerSerializers {

    static final String EVENT = "hatchery.Event";
    static final String PREDICTION = "hatchery.Prediction";
    static final String DEAD_LETTER = "hatchery.DeadLetter";
    static final String FIRST_PREDICTION = "hatchery.FirstPrediction";
    static final String MEMBER_SERVING = "hatchery.MemberServing";
    static final String SHADOW_PREDICTION = "hatchery.ShadowPrediction";
    static final String JOB_RECOVERY = "hatchery.JobRecovery";

    private ScorerSerializers() {
    }

    /** What a producer in any language writes as an event (README, "Feeding Hatchery from any language"). */
    static final CompactShape EVENT_SHAPE = CompactShape.of(EVENT, "id", FieldKind.STRING, "model", FieldKind.STRING,
            "features", FieldKind.ARRAY_OF_FLOAT64, "time_millis", FieldKind.INT64);

    static final class EventSerializer implements CompactSerializer<Event> {
        @Override
        public Event read(CompactReader in) {
            EVENT_SHAPE.check(in);
            return new Event(in.readString("id"), in.readString("model"), in.readArrayOfFloat64("features"),
                    in.readInt64("time_millis"));
        }

        @Override
        public void write(CompactWriter out, Event e) {
            out.writeString("id", e.id());
            out.writeString("model", e.model());
            out.writeArrayOfFloat64("features", e.features());
            out.writeInt64("time_millis", e.timeMillis());
        }

        @Override
        public String getTypeName() {
            return EVENT;
        }

        @Override
        public Class<Event> getCompactClass() {
            return Event.class;
        }
    }

    static final class PredictionSerializer implements CompactSerializer<Prediction> {
        @Override
        public Prediction read(CompactReader in) {
            return new Prediction(in.readString("event_id"), in.readString("model"), in.readInt32("version"),
                    in.readInt64("epoch"), in.readInt32("predicted_class"), in.readString("predicted_label"),
                    in.readFloat64("probability"),
                    // Predictions written before the posterior was kept have no such field.
                    in.getFieldKind("probabilities") == FieldKind.ARRAY_OF_FLOAT64
                            ? in.readArrayOfFloat64("probabilities") : new double[0],
                    in.readArrayOfFloat64("features"),
                    in.readInt64("event_time_millis"), in.readInt64("scored_at_millis"), in.readInt64("job_id"),
                    in.readInt64("execution_id"),
                    // Predictions written before online models have neither.
                    in.getFieldKind("revision") == FieldKind.INT64 ? in.readInt64("revision") : Prediction.BATCH_REVISION,
                    in.getFieldKind("classes") == FieldKind.ARRAY_OF_STRING ? in.readArrayOfString("classes")
                            : new String[0]);
        }

        @Override
        public void write(CompactWriter out, Prediction p) {
            out.writeString("event_id", p.eventId());
            out.writeString("model", p.model());
            out.writeInt32("version", p.version());
            out.writeInt64("epoch", p.epoch());
            out.writeInt32("predicted_class", p.predictedClass());
            out.writeString("predicted_label", p.predictedLabel());
            out.writeFloat64("probability", p.probability());
            out.writeArrayOfFloat64("probabilities", p.probabilities());
            out.writeArrayOfFloat64("features", p.features());
            out.writeInt64("event_time_millis", p.eventTimeMillis());
            out.writeInt64("scored_at_millis", p.scoredAtMillis());
            out.writeInt64("job_id", p.jobId());
            out.writeInt64("execution_id", p.executionId());
            out.writeInt64("revision", p.revision());
            out.writeArrayOfString("classes", p.classes());
        }

        @Override
        public String getTypeName() {
            return PREDICTION;
        }

        @Override
        public Class<Prediction> getCompactClass() {
            return Prediction.class;
        }
    }

    static final class DeadLetterSerializer implements CompactSerializer<DeadLetter> {
        @Override
        public DeadLetter read(CompactReader in) {
            return new DeadLetter(in.readString("key"), in.readString("source"), in.readString("model"),
                    in.readString("reason"), in.readString("payload"), in.readInt64("at_millis"));
        }

        @Override
        public void write(CompactWriter out, DeadLetter d) {
            out.writeString("key", d.key());
            out.writeString("source", d.source());
            out.writeString("model", d.model());
            out.writeString("reason", d.reason());
            out.writeString("payload", d.payload());
            out.writeInt64("at_millis", d.atMillis());
        }

        @Override
        public String getTypeName() {
            return DEAD_LETTER;
        }

        @Override
        public Class<DeadLetter> getCompactClass() {
            return DeadLetter.class;
        }
    }

    static final class FirstPredictionSerializer implements CompactSerializer<FirstPrediction> {
        @Override
        public FirstPrediction read(CompactReader in) {
            return new FirstPrediction(in.readString("model"), in.readInt32("version"), in.readInt64("epoch"),
                    in.readString("event_id"), in.readString("member"), in.readInt64("at_millis"));
        }

        @Override
        public void write(CompactWriter out, FirstPrediction f) {
            out.writeString("model", f.model());
            out.writeInt32("version", f.version());
            out.writeInt64("epoch", f.epoch());
            out.writeString("event_id", f.eventId());
            out.writeString("member", f.member());
            out.writeInt64("at_millis", f.atMillis());
        }

        @Override
        public String getTypeName() {
            return FIRST_PREDICTION;
        }

        @Override
        public Class<FirstPrediction> getCompactClass() {
            return FirstPrediction.class;
        }
    }

    static final class MemberServingSerializer implements CompactSerializer<MemberServing> {
        @Override
        public MemberServing read(CompactReader in) {
            return new MemberServing(in.readString("model"), in.readString("member"), in.readString("member_uuid"),
                    in.readInt32("version"), in.readInt64("epoch"), in.readBoolean("staged"),
                    in.readInt64("load_millis"), in.readInt64("activated_at_micros"),
                    // Written before online models: batch.
                    in.getFieldKind("revision") == FieldKind.INT64 ? in.readInt64("revision") : MemberServing.NONE,
                    in.getFieldKind("lag") == FieldKind.INT64 ? in.readInt64("lag") : MemberServing.NONE);
        }

        @Override
        public void write(CompactWriter out, MemberServing m) {
            out.writeString("model", m.model());
            out.writeString("member", m.member());
            out.writeString("member_uuid", m.memberUuid());
            out.writeInt32("version", m.version());
            out.writeInt64("epoch", m.epoch());
            out.writeBoolean("staged", m.staged());
            out.writeInt64("load_millis", m.loadMillis());
            out.writeInt64("activated_at_micros", m.activatedAtMicros());
            out.writeInt64("revision", m.revision());
            out.writeInt64("lag", m.lag());
        }

        @Override
        public String getTypeName() {
            return MEMBER_SERVING;
        }

        @Override
        public Class<MemberServing> getCompactClass() {
            return MemberServing.class;
        }
    }

    static final class JobRecoverySerializer implements CompactSerializer<JobRecovery> {
        @Override
        public JobRecovery read(CompactReader in) {
            return new JobRecovery(in.readString("job"), in.readInt32("resumes"), in.readInt64("last_resumed_at_millis"),
                    in.readString("last_cause"), in.readString("member"), in.readInt32("streak"),
                    in.readInt64("streak_since_millis"));
        }

        @Override
        public void write(CompactWriter out, JobRecovery r) {
            out.writeString("job", r.job());
            out.writeInt32("resumes", r.resumes());
            out.writeInt64("last_resumed_at_millis", r.lastResumedAtMillis());
            out.writeString("last_cause", r.lastCause());
            out.writeString("member", r.member());
            out.writeInt32("streak", r.streak());
            out.writeInt64("streak_since_millis", r.streakSinceMillis());
        }

        @Override
        public String getTypeName() {
            return JOB_RECOVERY;
        }

        @Override
        public Class<JobRecovery> getCompactClass() {
            return JobRecovery.class;
        }
    }

    static final class ShadowPredictionSerializer implements CompactSerializer<ShadowPrediction> {
        @Override
        public ShadowPrediction read(CompactReader in) {
            return new ShadowPrediction(in.readString("event_id"), in.readString("model"),
                    in.readInt32("shadow_version"), in.readInt32("serving_version"), in.readInt64("serving_epoch"),
                    in.readInt32("predicted_class"), in.readString("predicted_label"), in.readFloat64("probability"),
                    in.readInt64("event_time_millis"), in.readInt64("scored_at_millis"));
        }

        @Override
        public void write(CompactWriter out, ShadowPrediction p) {
            out.writeString("event_id", p.eventId());
            out.writeString("model", p.model());
            out.writeInt32("shadow_version", p.shadowVersion());
            out.writeInt32("serving_version", p.servingVersion());
            out.writeInt64("serving_epoch", p.servingEpoch());
            out.writeInt32("predicted_class", p.predictedClass());
            out.writeString("predicted_label", p.predictedLabel());
            out.writeFloat64("probability", p.probability());
            out.writeInt64("event_time_millis", p.eventTimeMillis());
            out.writeInt64("scored_at_millis", p.scoredAtMillis());
        }

        @Override
        public String getTypeName() {
            return SHADOW_PREDICTION;
        }

        @Override
        public Class<ShadowPrediction> getCompactClass() {
            return ShadowPrediction.class;
        }
    }

    static final String REPLICA_FINGERPRINT = "hatchery.ReplicaFingerprint";
    static final String REPLICA_DIVERGENCE = "hatchery.ReplicaDivergence";

    static final class ReplicaFingerprintSerializer implements CompactSerializer<ReplicaFingerprint> {
        @Override
        public ReplicaFingerprint read(CompactReader in) {
            return new ReplicaFingerprint(in.readString("model"), in.readString("member"), in.readInt32("version"),
                    in.readInt64("sequence"), in.readInt64("revision"), in.readString("sha256"), in.readInt64("at_millis"));
        }

        @Override
        public void write(CompactWriter out, ReplicaFingerprint f) {
            out.writeString("model", f.model());
            out.writeString("member", f.member());
            out.writeInt32("version", f.version());
            out.writeInt64("sequence", f.sequence());
            out.writeInt64("revision", f.revision());
            out.writeString("sha256", f.sha256());
            out.writeInt64("at_millis", f.atMillis());
        }

        @Override
        public String getTypeName() {
            return REPLICA_FINGERPRINT;
        }

        @Override
        public Class<ReplicaFingerprint> getCompactClass() {
            return ReplicaFingerprint.class;
        }
    }

    static final class ReplicaDivergenceSerializer implements CompactSerializer<ReplicaDivergence> {
        @Override
        public ReplicaDivergence read(CompactReader in) {
            return new ReplicaDivergence(in.readString("model"), in.readString("member"), in.readInt64("sequence"),
                    in.readInt64("revision"), in.readString("sha256"), in.readInt32("checkpoint_version"),
                    in.readString("checkpoint_sha256"), in.readString("reason"), in.readInt64("at_millis"));
        }

        @Override
        public void write(CompactWriter out, ReplicaDivergence d) {
            out.writeString("model", d.model());
            out.writeString("member", d.member());
            out.writeInt64("sequence", d.sequence());
            out.writeInt64("revision", d.revision());
            out.writeString("sha256", d.sha256());
            out.writeInt32("checkpoint_version", d.checkpointVersion());
            out.writeString("checkpoint_sha256", d.checkpointSha256());
            out.writeString("reason", d.reason());
            out.writeInt64("at_millis", d.atMillis());
        }

        @Override
        public String getTypeName() {
            return REPLICA_DIVERGENCE;
        }

        @Override
        public Class<ReplicaDivergence> getCompactClass() {
            return ReplicaDivergence.class;
        }
    }
}
