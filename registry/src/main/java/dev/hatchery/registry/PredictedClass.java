package dev.hatchery.registry;

/** A model's answer for one row: the most probable class and its posterior probability. */
public record PredictedClass(int index, double probability) {
}
