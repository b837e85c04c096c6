package dev.hatchery.scorer.intake;

import com.hazelcast.nio.serialization.HazelcastSerializationException;
import org.jspecify.annotations.Nullable;

/**
 * A Compact record of one of Hatchery's type names whose fields are not the ones it must have
 * ({@link CompactShape}). Thrown by Hatchery's serializers; {@link Intake} turns it into an
 * {@link Unreadable} with this message as the reason.
 */
public final class ShapeMismatch extends HazelcastSerializationException {

    private final @Nullable String model;
    private final String rendered;

    ShapeMismatch(String message, @Nullable String model, String rendered) {
        super(message);
        this.model = model;
        this.rendered = rendered;
    }

    /** The model the record names, if it has a readable {@code model} field. */
    public @Nullable String model() {
        return model;
    }

    /** The record as Hazelcast renders a generic record: its type name and every field. */
    public String rendered() {
        return rendered;
    }
}
