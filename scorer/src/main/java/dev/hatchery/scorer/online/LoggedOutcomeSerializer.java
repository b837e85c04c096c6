package dev.hatchery.scorer.online;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/**
 * The Compact serializer of {@link LoggedOutcome}, type name {@value #TYPE_NAME}; registered by
 * {@code ScorerMaps.addSerializers} with the scorer's others.
 */
public final class LoggedOutcomeSerializer implements CompactSerializer<LoggedOutcome> {

    public static final String TYPE_NAME = "hatchery.LoggedOutcome";

    @Override
    public LoggedOutcome read(CompactReader in) {
        return new LoggedOutcome(in.readString("event_id"), in.readArrayOfFloat64("features"), in.readString("label"),
                in.readInt64("event_time_millis"), in.readInt64("logged_at_millis"));
    }

    @Override
    public void write(CompactWriter out, LoggedOutcome o) {
        out.writeString("event_id", o.eventId());
        out.writeArrayOfFloat64("features", o.features());
        out.writeString("label", o.label());
        out.writeInt64("event_time_millis", o.eventTimeMillis());
        out.writeInt64("logged_at_millis", o.loggedAtMillis());
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<LoggedOutcome> getCompactClass() {
        return LoggedOutcome.class;
    }
}
