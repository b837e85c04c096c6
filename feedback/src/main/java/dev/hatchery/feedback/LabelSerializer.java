package dev.hatchery.feedback;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import dev.hatchery.scorer.intake.CompactShape;

/**
 * The Compact form of a {@link Label}, field names as the events' ({@code snake_case}), so that
 * a producer in another language writes both the same way. A label of another shape is refused
 * here and dead-lettered by the feedback job (a FLOAT64 {@code time_millis}, read as is, broke
 * every SQL query over {@code labels}).
 */
final class LabelSerializer implements CompactSerializer<Label> {

    static final String TYPE_NAME = "hatchery.Label";
    static final CompactShape SHAPE = CompactShape.of(TYPE_NAME, "event_id", FieldKind.STRING, "model",
            FieldKind.STRING, "label", FieldKind.STRING, "time_millis", FieldKind.INT64);

    @Override
    public Label read(CompactReader in) {
        SHAPE.check(in);
        return new Label(in.readString("event_id"), in.readString("model"), in.readString("label"),
                in.readInt64("time_millis"));
    }

    @Override
    public void write(CompactWriter out, Label label) {
        out.writeString("event_id", label.eventId());
        out.writeString("model", label.model());
        out.writeString("label", label.label());
        out.writeInt64("time_millis", label.timeMillis());
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<Label> getCompactClass() {
        return Label.class;
    }
}
