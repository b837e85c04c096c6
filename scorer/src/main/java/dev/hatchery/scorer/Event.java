package dev.hatchery.scorer;

import org.jspecify.annotations.Nullable;

/**
 * An event to score, as a producer writes it into the events map. Fields may be missing or
 * wrong: the scoring job checks them and dead-letters what it cannot score.
 *
 * @param id        the event's identity; its prediction is keyed by it
 * @param model     the model that scores it
 * @param features  feature values, in the order of the model's feature names
 * @param timeMillis when the event happened (epoch millis)
 */
public record Event(@Nullable String id, String model, double @Nullable [] features, long timeMillis) {
}
