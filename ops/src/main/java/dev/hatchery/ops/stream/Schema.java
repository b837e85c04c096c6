package dev.hatchery.ops.stream;

import java.util.HashSet;
import java.util.List;

/** Feature names in row order and class names by index. */
public record Schema(List<String> features, List<String> classes) {

    public Schema {
        features = List.copyOf(features);
        classes = List.copyOf(classes);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a schema needs at least one feature");
        }
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a schema needs at least two classes, got " + classes);
        }
        if (new HashSet<>(features).size() != features.size()) {
            throw new IllegalArgumentException("feature names repeat: " + features);
        }
        if (new HashSet<>(classes).size() != classes.size()) {
            throw new IllegalArgumentException("class names repeat: " + classes);
        }
    }
}
