package dev.hatchery.scorer;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An event to score, as a producer writes it: into the events map, features in the order of the
 * model's feature names, or as JSON into {@code events_json}, features by name. Fields may be
 * missing or wrong: the scoring job checks them and dead-letters what it cannot score.
 *
 * @param id             the event's identity; its prediction is keyed by it
 * @param model          the model that scores it
 * @param features       feature values, in the order of the model's feature names; null for an
 *                       event whose features are by name
 * @param timeMillis     when the event happened (epoch millis)
 * @param featuresByName feature values by name, for an event written as JSON (never Compact-
 *                       serialized): put in the order of the version that scores it, which must
 *                       have every name and no other
 */
public record Event(@Nullable String id, String model, double @Nullable [] features, long timeMillis,
        @Nullable Map<String, Double> featuresByName) {

    /** An event whose features are in the order of the model's feature names. */
    public Event(@Nullable String id, String model, double @Nullable [] features, long timeMillis) {
        this(id, model, features, timeMillis, null);
    }
}
