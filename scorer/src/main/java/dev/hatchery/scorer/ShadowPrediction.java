package dev.hatchery.scorer;

/**
 * What the model's shadow version predicted for one event, beside the prediction that was
 * served: never served itself, kept so the shadow can be judged on the very events the
 * serving version saw. Keyed by event id like the served prediction, so a replay overwrites.
 *
 * @param servingVersion the version whose prediction was served for this event, with its epoch
 */
public record ShadowPrediction(
        String eventId,
        String model,
        int shadowVersion,
        int servingVersion,
        long servingEpoch,
        int predictedClass,
        String predictedLabel,
        double probability,
        long eventTimeMillis,
        long scoredAtMillis) {
}
