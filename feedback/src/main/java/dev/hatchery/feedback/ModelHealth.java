package dev.hatchery.feedback;

import dev.hatchery.feedback.drift.DetectorState;

/**
 * How the serving version of a model is doing, as the feedback job last saw it.
 *
 * @param rollingAccuracy accuracy over the most recent outcomes of this epoch (up to a window)
 * @param errorRate       the detector's error rate since its last reset
 * @param outcomes        outcomes of this epoch seen so far
 */
public record ModelHealth(
        String model,
        int version,
        long epoch,
        DetectorState state,
        double rollingAccuracy,
        double errorRate,
        long outcomes,
        String lastEventId,
        long updatedAtMillis) implements WatchReport {
}
