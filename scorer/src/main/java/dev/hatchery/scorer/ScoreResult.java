package dev.hatchery.scorer;

/** What scoring one event yields: a prediction, or a dead letter saying why there is none. */
public sealed interface ScoreResult permits Prediction, DeadLetter {
}
