package dev.hatchery.ops.stream;

/** A source of labelled rows. Generators never run out; a file does. */
public interface LabelledStream {

    Schema schema();

    /** The next row; call only while {@link #hasNext()}. */
    LabelledRow next();

    default boolean hasNext() {
        return true;
    }
}
