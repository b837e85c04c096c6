package dev.hatchery.trainer;

import java.io.Serial;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A model that operators declared before any version of it exists: its feature names in event
 * order and its class words. Every member's trainer bootstraps v1 of a defined model once enough
 * of its events have labels ({@code trainer.window.minRows}), training on those events and labels
 * themselves since nothing scores them yet; after that the model retrains and deploys as usual.
 * Java-serialized (its lists are not Compact fields), so not queryable with SQL.
 */
public record ModelDefinition(String model, List<String> features, List<String> classes, String by,
        long definedAtMillis) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public ModelDefinition {
        Objects.requireNonNull(model, "model");
        features = List.copyOf(features);
        classes = List.copyOf(classes);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("model '" + model + "' needs at least one feature");
        }
        if (classes.size() < 2) {
            throw new IllegalArgumentException("model '" + model + "' needs at least two classes, got " + classes);
        }
        if (new HashSet<>(features).size() != features.size() || new HashSet<>(classes).size() != classes.size()) {
            throw new IllegalArgumentException("model '" + model + "': feature and class names must not repeat, got "
                    + features + " and " + classes);
        }
    }
}
