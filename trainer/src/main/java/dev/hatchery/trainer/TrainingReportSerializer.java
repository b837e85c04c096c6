package dev.hatchery.trainer;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/**
 * The Compact form of a {@link TrainingReport}: exactly what Hazelcast's zero-config reflective
 * serializer wrote for the flat 31-component record the report once was, so that reports stored
 * before it was split into parts read back, and SQL ({@link TrainingReport#COLUMNS}) and
 * predicates keep finding their fields. Same type name, same field names, same kinds: the schema
 * (and its id) is the old one. Status and trigger kind are stored as the strings they were.
 */
final class TrainingReportSerializer implements CompactSerializer<TrainingReport> {

    /**
     * The type name the reflective serializer gave the record: its class's name at the time.
     * Written out, not {@code TrainingReport.class.getName()}, so that moving or renaming the
     * class leaves stored reports readable.
     */
    static final String TYPE_NAME = "dev.hatchery.trainer.TrainingReport";

    @Override
    public TrainingReport read(CompactReader in) {
        return new TrainingReport(
                in.readString("runId"),
                in.readString("requestId"),
                in.readString("model"),
                Trigger.Kind.parse(in.readString("triggerKind")),
                in.readString("trigger"),
                TrainingReport.Status.valueOf(in.readString("status")),
                new TrainingReport.Challenger(
                        in.readString("algorithm"),
                        in.readString("hyperparameters"),
                        in.readInt64("seed"),
                        in.readInt32("recencyHalfLifeRows"),
                        in.readInt32("searchTrials"),
                        in.readInt64("trainMillis")),
                new TrainingReport.Window(
                        in.readString("window"),
                        in.readInt64("windowStartEventTime"),
                        in.readInt64("windowEndEventTime"),
                        in.readInt32("trainingRows"),
                        in.readInt32("holdoutRows"),
                        in.readString("dataSha256")),
                new TrainingReport.Comparison(
                        in.readFloat64("challengerAccuracy"),
                        in.readFloat64("championAccuracy"),
                        in.readInt32("challengerOnly"),
                        in.readInt32("championOnly"),
                        in.readFloat64("pValue"),
                        in.readInt32("shadowEvents")),
                new TrainingReport.Versions(
                        in.readInt32("championVersion"),
                        in.readInt32("newVersion"),
                        in.readInt64("epoch")),
                in.readString("detail"),
                in.readString("member"),
                in.readInt64("startedAtMillis"),
                in.readInt64("finishedAtMillis"));
    }

    @Override
    public void write(CompactWriter out, TrainingReport report) {
        out.writeString("runId", report.runId());
        out.writeString("requestId", report.requestId());
        out.writeString("model", report.model());
        out.writeString("triggerKind", report.triggerKind().text());
        out.writeString("trigger", report.trigger());
        out.writeString("status", report.status().name());
        TrainingReport.Challenger challenger = report.challenger();
        out.writeString("algorithm", challenger.algorithm());
        out.writeString("hyperparameters", challenger.hyperparameters());
        out.writeInt64("seed", challenger.seed());
        out.writeInt32("recencyHalfLifeRows", challenger.recencyHalfLifeRows());
        out.writeInt32("searchTrials", challenger.searchTrials());
        out.writeInt64("trainMillis", challenger.trainMillis());
        TrainingReport.Window window = report.window();
        out.writeString("window", window.strategy());
        out.writeInt64("windowStartEventTime", window.startEventTime());
        out.writeInt64("windowEndEventTime", window.endEventTime());
        out.writeInt32("trainingRows", window.trainingRows());
        out.writeInt32("holdoutRows", window.holdoutRows());
        out.writeString("dataSha256", window.dataSha256());
        TrainingReport.Comparison comparison = report.comparison();
        out.writeFloat64("challengerAccuracy", comparison.challengerAccuracy());
        out.writeFloat64("championAccuracy", comparison.championAccuracy());
        out.writeInt32("challengerOnly", comparison.challengerOnly());
        out.writeInt32("championOnly", comparison.championOnly());
        out.writeFloat64("pValue", comparison.pValue());
        out.writeInt32("shadowEvents", comparison.shadowEvents());
        TrainingReport.Versions versions = report.versions();
        out.writeInt32("championVersion", versions.championVersion());
        out.writeInt32("newVersion", versions.newVersion());
        out.writeInt64("epoch", versions.epoch());
        out.writeString("detail", report.detail());
        out.writeString("member", report.member());
        out.writeInt64("startedAtMillis", report.startedAtMillis());
        out.writeInt64("finishedAtMillis", report.finishedAtMillis());
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<TrainingReport> getCompactClass() {
        return TrainingReport.class;
    }
}
