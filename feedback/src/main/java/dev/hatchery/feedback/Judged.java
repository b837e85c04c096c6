package dev.hatchery.feedback;

import dev.hatchery.scorer.Prediction;

/** A prediction and the label that judges it, before the label is checked against the model's classes. */
record Judged(Prediction prediction, Label label) implements Joined {
}
