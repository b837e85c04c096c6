package dev.hatchery.registry.online;

import dev.hatchery.registry.AllowList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * A learner's state as bytes and back. Checkpoint bytes travel between members and through the
 * registry, so decoding goes through an allow-list, as {@code ModelCodec} does for batch models:
 * the learners' own packages and the JDK types they are made of, and nothing else.
 */
final class LearnerBytes {

    /** Found by recording every class deserialization met for each learner kind. */
    private static final List<String> PACKAGES = List.of("dev.hatchery.registry.online.", "moa.",
            "com.yahoo.labs.samoa.instances.", "com.github.javacliparser.", "smile.classification.", "smile.util.");
    private static final Set<String> CLASSES = Set.of("java.lang.String", "java.lang.Enum", "java.lang.Number",
            "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Boolean", "java.lang.Object",
            "java.util.ArrayList", "java.util.HashMap", "java.util.LinkedList", "java.util.Random",
            "java.util.Map$Entry");

    private static final long MAX_BYTES = 512L * 1024 * 1024;
    private static final long MAX_DEPTH = 2_000;

    private LearnerBytes() {
    }

    static byte[] encode(OnlineLearner learner) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(learner);
        } catch (IOException e) {
            // The spec checked that this learner serializes; if it no longer does, it is a bug.
            throw new UncheckedIOException("cannot serialize the " + learner.spec().text() + " learner: " + e, e);
        }
        return bytes.toByteArray();
    }

    static OnlineLearner decode(byte[] bytes) {
        AllowList filter = new AllowList(LearnerBytes::allowed, MAX_BYTES, MAX_DEPTH, Long.MAX_VALUE, Long.MAX_VALUE);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            Object object = in.readObject();
            if (!(object instanceof OnlineLearner learner)) {
                throw new IllegalArgumentException("the bytes hold a " + object.getClass().getName()
                        + ", not an online learner");
            }
            return learner;
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException(filter.refused() != null
                    ? "class " + filter.refused() + " is not allowed in an online learner's state"
                    : "corrupt online learner bytes: " + e.getMessage(), e);
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("corrupt online learner bytes: " + e, e);
        }
    }

    static boolean allowed(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive()) {
            return true;
        }
        String name = element.getName();
        return CLASSES.contains(name) || PACKAGES.stream().anyMatch(name::startsWith);
    }
}
