package dev.hatchery.feedback;

import java.util.ArrayList;
import java.util.List;

/**
 * @param labelHorizonMillis how long a prediction waits for its label, and a label for its
 *                           prediction, before the join forgets it
 * @param ddm                the drift detector's settings
 * @param rollingWindow      how many recent outcomes the rolling accuracy covers
 * @param healthEvery        how often (in outcomes) the model's health is written, besides
 *                           every change of detector state
 */
public record FeedbackSettings(long labelHorizonMillis, DdmSettings ddm, int rollingWindow, int healthEvery) implements java.io.Serializable {

    public static final FeedbackSettings DEFAULTS = new FeedbackSettings(600_000, DdmSettings.DEFAULTS, 1_000, 250);

    public FeedbackSettings {
        List<String> problems = new ArrayList<>();
        if (labelHorizonMillis < 1) {
            problems.add("labelHorizonMillis must be 1 or more, got " + labelHorizonMillis);
        }
        if (rollingWindow < 1) {
            problems.add("rollingWindow must be 1 or more, got " + rollingWindow);
        }
        if (healthEvery < 1) {
            problems.add("healthEvery must be 1 or more, got " + healthEvery);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid feedback settings: " + String.join("; ", problems));
        }
    }
}
