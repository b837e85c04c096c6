package dev.hatchery.registry;

import dev.hatchery.registry.online.OnlineLearner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Turns models into bytes and back. Model bytes are untrusted input: decoding checks the
 * sha-256 first, then deserializes through an allow-list, so that bytes that are not a Smile
 * model — corrupt, tampered with, or a deserialization gadget — never become objects. Online
 * checkpoints are checked the same way, through the online learners' own allow-list.
 */
public final class ModelCodec {

    /**
     * What Smile's classifiers are made of, found by recording every class deserialization met
     * for binary and multi-class models of each algorithm. Anything else is refused.
     */
    private static final Set<String> SMILE_PACKAGES = Set.of("smile.classification", "smile.regression",
            "smile.model.cart", "smile.data.formula", "smile.data.type", "smile.util");
    private static final Set<String> CLASSES = Set.of(TrainedModel.class.getName(), Algorithm.class.getName(),
            "smile.validation.ClassificationMetrics", "java.lang.String", "java.lang.Enum", "java.lang.Number",
            "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Boolean", "java.util.ArrayList",
            "java.util.HashMap");
    /** Allowed only as array element types: the collections above check these arrays while reading themselves. */
    private static final Set<String> ARRAY_ELEMENTS = Set.of("java.lang.Object", "java.util.Map$Entry");

    private static final long MAX_BYTES = 512L * 1024 * 1024;
    private static final long MAX_DEPTH = 200;
    private static final long MAX_REFERENCES = 50_000_000;
    private static final long MAX_ARRAY_LENGTH = 200_000_000;

    private ModelCodec() {
    }

    public static byte[] encode(TrainedModel model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + model.algorithm().id() + " model: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws ModelRejectedException if the checksum differs, the bytes are corrupt, or they hold
     *                                anything but a {@link TrainedModel} made of allowed classes
     */
    public static TrainedModel decode(byte[] bytes, String expectedSha256) {
        checkSha256(bytes, expectedSha256);
        AllowList filter = new AllowList(ModelCodec::allowed, MAX_BYTES, MAX_DEPTH, MAX_REFERENCES, MAX_ARRAY_LENGTH);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            Object object = in.readObject();
            if (!(object instanceof TrainedModel model)) {
                throw new ModelRejectedException("the bytes hold a " + object.getClass().getName() + ", not a model");
            }
            return model;
        } catch (InvalidClassException e) {
            throw new ModelRejectedException(filter.refused() != null
                    ? "class " + filter.refused() + " is not allowed in a model artifact"
                    : "corrupt model bytes: " + e.getMessage(), e);
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new ModelRejectedException("corrupt model bytes: " + e, e);
        }
    }

    /**
     * The online learner an online checkpoint's bytes hold: checksum first, then the learners'
     * own allow-listed deserialization.
     *
     * @throws ModelRejectedException if the checksum differs, the bytes are corrupt, or they hold
     *                                anything but an online learner made of allowed classes
     */
    public static OnlineLearner decodeLearner(byte[] bytes, String expectedSha256) {
        checkSha256(bytes, expectedSha256);
        try {
            return OnlineLearner.fromBytes(bytes);
        } catch (IllegalArgumentException e) {
            throw new ModelRejectedException(e.getMessage(), e);
        }
    }

    private static void checkSha256(byte[] bytes, String expectedSha256) {
        String actual = sha256(bytes);
        if (!actual.equals(expectedSha256)) {
            throw new ModelRejectedException("checksum mismatch: expected " + expectedSha256 + ", got " + actual
                    + " (" + bytes.length + " bytes)");
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
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
        return CLASSES.contains(name) || SMILE_PACKAGES.contains(element.getPackageName())
                || type.isArray() && ARRAY_ELEMENTS.contains(name);
    }
}
