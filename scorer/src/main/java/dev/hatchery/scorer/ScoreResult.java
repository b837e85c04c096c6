package dev.hatchery.scorer;

/**
 * What scoring one event yields: a prediction; a prediction with its model's shadow prediction
 * beside it; or a dead letter saying why there is none.
 */
public sealed interface ScoreResult permits Prediction, ShadowedPrediction, DeadLetter {
}
