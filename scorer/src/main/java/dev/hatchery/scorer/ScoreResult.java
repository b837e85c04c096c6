package dev.hatchery.scorer;

/**
 * What scoring one event yields: a prediction; a prediction with its model's shadow prediction
 * beside it; a dead letter saying why there is none; or, for a value that is no event at all, its
 * dead letter and its removal from the events map.
 */
public sealed interface ScoreResult permits Prediction, ShadowedPrediction, DeadLetter, Quarantined {
}
