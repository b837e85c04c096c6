package dev.hatchery.registry;

import java.util.Arrays;

/** The kinds of Smile classifier Hatchery trains and serves. */
public enum Algorithm {
    RANDOM_FOREST("random-forest"),
    GRADIENT_BOOSTING("gradient-boosting"),
    LOGISTIC_REGRESSION("logistic-regression"),
    /** One CART tree: fits in milliseconds and scores in a few comparisons, so it can be retrained often on a stream. */
    DECISION_TREE("decision-tree");

    private final String id;

    Algorithm(String id) {
        this.id = id;
    }

    /** The name used in configuration files, records and SQL. */
    public String id() {
        return id;
    }

    public static Algorithm parse(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown algorithm '" + id + "': use one of "
                        + Arrays.stream(values()).map(Algorithm::id).toList()));
    }
}
