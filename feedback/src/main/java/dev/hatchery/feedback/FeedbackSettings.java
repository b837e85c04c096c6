package dev.hatchery.feedback;

import dev.hatchery.feedback.drift.DdmSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * @param labelHorizonMillis how long a prediction waits for its label, and a label for its
 *                           prediction, before the join forgets it
 * @param ddm                the drift detector's settings
 * @param rollingWindow      how many recent outcomes the rolling accuracy covers
 * @param healthEvery        how often (in outcomes) the model's health is written, besides
 *                           every change of detector state
 * @param driftLookback      how many outcomes before a detection a drift may be said to have
 *                           begun, at most (the trainer's window starts there); at most
 *                           {@code rollingWindow}
 * @param maxAccuracyDrop    how far below its holdout accuracy a version's rolling accuracy
 *                           (over a full window) may fall before it is signalled as drifted
 */
public record FeedbackSettings(long labelHorizonMillis, DdmSettings ddm, int rollingWindow, int healthEvery,
        int driftLookback, double maxAccuracyDrop) implements java.io.Serializable {

    public static final FeedbackSettings DEFAULTS =
            new FeedbackSettings(600_000, DdmSettings.DEFAULTS, 1_000, 250, 500, 0.05);

    public FeedbackSettings {
        List<String> problems = new ArrayList<>();
        if (labelHorizonMillis < 1) {
            problems.add("labelHorizonMillis must be 1 or more, got " + labelHorizonMillis);
        }
        if (rollingWindow < 1) {
            problems.add("rollingWindow must be 1 or more, got " + rollingWindow);
        }
        if (driftLookback < 1 || driftLookback > rollingWindow) {
            problems.add("driftLookback must be 1 to rollingWindow (" + rollingWindow + "), got " + driftLookback);
        }
        if (!(maxAccuracyDrop > 0 && maxAccuracyDrop <= 1)) {
            problems.add("maxAccuracyDrop must be in (0, 1], got " + maxAccuracyDrop);
        }
        if (healthEvery < 1) {
            problems.add("healthEvery must be 1 or more, got " + healthEvery);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid feedback settings: " + String.join("; ", problems));
        }
    }
}
