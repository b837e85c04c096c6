package dev.hatchery.registry;

import java.util.List;
import java.util.Objects;

/**
 * One registered, immutable version of a model: what it expects, what it was trained on and
 * how well it did on its holdout. The artifact bytes live beside it, checked by {@code sha256}.
 */
public record ModelVersion(
        String model,
        int version,
        Algorithm algorithm,
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
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, got " + version);
        }
        features = List.copyOf(features);
        classes = List.copyOf(classes);
    }

    /** The registry's key for this version, also used in log lines: {@code sea/v3}. */
    public String key() {
        return key(model, version);
    }

    public static String key(String model, int version) {
        return model + "/v" + version;
    }
}
