package dev.hatchery.scorer.intake;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.impl.compact.CompactGenericRecord;
import com.hazelcast.map.EventJournalMapEvent;
import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import org.jspecify.annotations.Nullable;

/**
 * One put into a producer's map, read by Hatchery's stage: the record the map holds, or why
 * it is not one. Never throws: whatever a client wrote, the job goes on with the next put.
 *
 * @param <T> the record the map holds
 */
public sealed interface Intake<T> {

    /**
     * The largest value read, in bytes as stored. An event of a thousand features is about 8 KB;
     * a value far larger is a producer's mistake, and reading it would cost the job its memory.
     */
    int MAX_VALUE_BYTES = 1 << 20;
    /** How much of an unreadable value its dead letter keeps. */
    int MAX_PAYLOAD_CHARS = 2_000;

    /** A put whose key is text and whose value is the map's record. */
    record Readable<T>(String key, T value) implements Intake<T> {
    }

    /** A put that is not: kept as a dead letter and removed from the map. */
    record Refused<T>(Unreadable unreadable) implements Intake<T> {
    }

    /**
     * Reads {@code put}, a journal event from {@link Journal}, as a {@code type}.
     *
     * @param map      the map it was put into
     * @param expected what that map holds, for the reason: "a Compact hatchery.Event (…)"
     */
    static <T> Intake<T> of(EventJournalMapEvent<?, ?> put, String map, Class<T> type, String expected) {
        Data keyData = Journal.keyData(put);
        Data valueData = Journal.newValueData(put);
        Object key;
        try {
            key = put.getKey();
        } catch (RuntimeException e) {
            return refused(map, "<unreadable key>", "", "a key that cannot be read (" + rootMessage(e)
                    + "); keys are strings", "", keyData, valueData);
        }
        if (!(key instanceof String text)) {
            return refused(map, String.valueOf(key), "", "a key of type " + typeOf(key) + "; keys are strings",
                    "", keyData, valueData);
        }
        if (valueData.totalSize() > MAX_VALUE_BYTES) {
            return refused(map, text, "", "a value of " + valueData.totalSize() + " bytes, over the limit of "
                    + MAX_VALUE_BYTES + "; map '" + map + "' holds " + expected, "", keyData, valueData);
        }
        Object value;
        try {
            value = put.getNewValue();
        } catch (RuntimeException e) {
            ShapeMismatch mismatch = mismatchIn(e);
            if (mismatch != null) {
                String model = mismatch.model();
                return refused(map, text, model == null ? "" : model, "a " + mismatch.getMessage() + "; map '" + map
                        + "' holds " + expected,
                        mismatch.rendered(), keyData, valueData);
            }
            return refused(map, text, "", "a value that cannot be deserialized here (" + rootMessage(e)
                    + "); map '" + map + "' holds " + expected, "", keyData, valueData);
        }
        if (type.isInstance(value)) {
            return new Readable<>(text, type.cast(value));
        }
        return refused(map, text, modelOf(value), describe(value) + "; map '" + map + "' holds " + expected,
                String.valueOf(value), keyData, valueData);
    }

    /**
     * A put that was read but is not what its map holds after all (JSON of another shape, say):
     * refused and removed like one that could not be read.
     */
    static <T> Intake<T> refused(EventJournalMapEvent<?, ?> put, String map, String key, String model, String reason,
            String payload) {
        return refused(map, key, model, reason, payload, Journal.keyData(put), Journal.newValueData(put));
    }

    private static <T> Intake<T> refused(String map, String key, String model, String reason, String payload,
            Data keyData, Data valueData) {
        String kept = payload.length() > MAX_PAYLOAD_CHARS ? payload.substring(0, MAX_PAYLOAD_CHARS) + "…" : payload;
        return new Refused<>(new Unreadable(map, key, model, "unreadable value in '" + map + "': " + reason, kept,
                keyData.toByteArray(), valueData.toByteArray()));
    }

    /** What the value is, in a producer's terms. */
    private static String describe(@Nullable Object value) {
        return switch (value) {
            case null -> "no value";
            case HazelcastJsonValue ignored -> "a JSON value";
            case CompactGenericRecord record -> "a Compact record of type '" + record.getSchema().getTypeName()
                    + "' with fields " + record.getSchema().getFields().stream()
                            .map(field -> field.getFieldName() + " " + field.getKind()).sorted().toList();
            case GenericRecord record -> "a generic record with fields " + record.getFieldNames();
            default -> "a " + typeOf(value);
        };
    }

    private static String modelOf(@Nullable Object value) {
        if (value instanceof GenericRecord record && record.getFieldKind("model") == FieldKind.STRING) {
            String model = record.getString("model");
            return model == null ? "" : model;
        }
        return "";
    }

    private static String typeOf(@Nullable Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    private static @Nullable ShapeMismatch mismatchIn(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ShapeMismatch mismatch) {
                return mismatch;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
