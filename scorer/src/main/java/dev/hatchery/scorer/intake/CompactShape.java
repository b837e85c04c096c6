package dev.hatchery.scorer.intake;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.jspecify.annotations.Nullable;

/**
 * The fields a Compact record of Hatchery's must have, each of one kind. A producer in another
 * language writes a record of the right type name with a field missing or of another kind (a
 * JavaScript number is FLOAT64 unless told otherwise); read as is, it fails or, worse, is read
 * with a converted value while SQL over the map then fails for everyone. A serializer checks the
 * shape first and refuses with every difference named. A nullable kind stands for its primitive
 * (SQL writes those); a null in it fails the read as any unreadable value does.
 *
 * @param typeName the Compact type name
 * @param fields   field name to kind, in the order the documentation lists them
 */
public record CompactShape(String typeName, SequencedMap<String, FieldKind> fields) {

    public CompactShape {
        fields = new LinkedHashMap<>(fields);
    }

    /** A shape of the named fields, given as name, kind, name, kind… */
    public static CompactShape of(String typeName, Object... namesAndKinds) {
        SequencedMap<String, FieldKind> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndKinds.length; i += 2) {
            fields.put((String) namesAndKinds[i], (FieldKind) namesAndKinds[i + 1]);
        }
        return new CompactShape(typeName, fields);
    }

    /** @throws ShapeMismatch naming every field that is missing or of another kind */
    public void check(CompactReader in) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, FieldKind> field : fields.entrySet()) {
            FieldKind kind = in.getFieldKind(field.getKey());
            if (kind == FieldKind.NOT_AVAILABLE) {
                problems.add("'" + field.getKey() + "' is missing (want " + field.getValue() + ")");
            } else if (kind != field.getValue() && kind != nullable(field.getValue())) {
                problems.add("'" + field.getKey() + "' is " + kind + " (want " + field.getValue() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ShapeMismatch("Compact " + typeName + " with " + String.join(", ", problems), modelOf(in),
                    in instanceof GenericRecord record ? record.toString() : "");
        }
    }

    /**
     * The nullable kind of a primitive one: SQL's {@code SINK INTO} writes {@code BIGINT} as
     * NULLABLE_INT64, and a non-null value of it reads as the primitive.
     */
    private static FieldKind nullable(FieldKind kind) {
        return switch (kind) {
            case BOOLEAN -> FieldKind.NULLABLE_BOOLEAN;
            case INT8 -> FieldKind.NULLABLE_INT8;
            case INT16 -> FieldKind.NULLABLE_INT16;
            case INT32 -> FieldKind.NULLABLE_INT32;
            case INT64 -> FieldKind.NULLABLE_INT64;
            case FLOAT32 -> FieldKind.NULLABLE_FLOAT32;
            case FLOAT64 -> FieldKind.NULLABLE_FLOAT64;
            case ARRAY_OF_FLOAT64 -> FieldKind.ARRAY_OF_NULLABLE_FLOAT64;
            default -> kind;
        };
    }

    /** The record's model, where it names one, so that the dead letter is counted for that model. */
    private static @Nullable String modelOf(CompactReader in) {
        return in.getFieldKind("model") == FieldKind.STRING ? in.readString("model") : null;
    }

    /** The shape as documented: {@code id STRING, model STRING, …}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        fields.forEach((name, kind) -> parts.add(name + " " + kind));
        return String.join(", ", parts);
    }
}
