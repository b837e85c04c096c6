package dev.hatchery.registry;

import java.util.List;
import java.util.Objects;

/**
 * One registered, immutable version of a model: how it was made ({@link Lineage}: a batch fit or
 * an online checkpoint), what it expects, and how well it did. The artifact bytes live beside
 * it, checked by {@code sha256}.
 *
 * <p>For an online checkpoint, {@code trainingRows} is its revision (capped at
 * {@link Integer#MAX_VALUE}) and {@code holdoutAccuracy} its test-then-train accuracy over its
 * period (0 if it learnt nothing in it); {@code classes} are the labels met so far, possibly
 * none.
 */
public record ModelVersion(
        String model,
        int version,
        Lineage lineage,
        List<String> features,
        List<String> classes,
        String sha256,
        int sizeBytes,
        long createdAtMillis,
        int trainingRows,
        double holdoutAccuracy,
        String runId) {

    public ModelVersion {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(lineage, "lineage");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, got " + version);
        }
        features = List.copyOf(features);
        classes = List.copyOf(classes);
    }

    /** A batch version, as every version was before online models. */
    public ModelVersion(String model, int version, Algorithm algorithm, List<String> features, List<String> classes,
            String sha256, int sizeBytes, long createdAtMillis, int trainingRows, double holdoutAccuracy, String runId) {
        this(model, version, new Lineage.Batch(algorithm), features, classes, sha256, sizeBytes, createdAtMillis,
                trainingRows, holdoutAccuracy, runId);
    }

    public ModelKind kind() {
        return lineage.kind();
    }

    /**
     * The Smile algorithm of a batch version.
     *
     * @throws IllegalStateException for an online checkpoint, which has a learner instead (see {@link #lineage()})
     */
    public Algorithm algorithm() {
        return switch (lineage) {
            case Lineage.Batch batch -> batch.algorithm();
            case Lineage.Online online -> throw new IllegalStateException(key() + " is an online checkpoint of learner '"
                    + online.learner() + "' and has no Smile algorithm: read lineage() (or method()) instead");
        };
    }

    /** What made the version: a batch algorithm's id or an online learner's text. */
    public String method() {
        return lineage.method();
    }

    /** The registry's key for this version, also used in log lines: {@code sea/v3}. */
    public String key() {
        return key(model, version);
    }

    public static String key(String model, int version) {
        return model + "/v" + version;
    }
}
