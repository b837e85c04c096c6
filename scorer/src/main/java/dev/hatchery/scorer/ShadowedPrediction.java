package dev.hatchery.scorer;

/**
 * An event scored while its model had a shadow: the prediction served, and the shadow's,
 * which goes to its own map. Made only when a shadow runs, so scoring without one allocates
 * nothing more than before.
 */
public record ShadowedPrediction(Prediction served, ShadowPrediction shadow) implements ScoreResult {
}
