package dev.hatchery.feedback;

/** An outcome with the holdout accuracy of the version that predicted it. */
record Watched(Outcome outcome, double expectedAccuracy) {
}
