package dev.hatchery.feedback;

import dev.hatchery.feedback.datadrift.DataDriftSettings;
import dev.hatchery.feedback.drift.AdwinSettings;
import dev.hatchery.feedback.drift.DdmSettings;
import dev.hatchery.feedback.drift.DetectorSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * @param labelHorizonMillis how long a prediction waits for its label, and a label for its
 *                           prediction, before the join forgets it
 * @param detector           the drift detector of every model not named in {@code modelDetectors}
 * @param rollingWindow      how many recent outcomes the rolling accuracy covers
 * @param healthEvery        how often (in outcomes) the model's health is written, besides
 *                           every change of detector state
 * @param driftLookback      how many outcomes before a detection a drift may be said to have
 *                           begun, at most (the trainer's window starts there); at most
 *                           {@code rollingWindow}
 * @param maxAccuracyDrop    how far below its holdout accuracy a version's rolling accuracy
 *                           (over a full window) may fall before it is signalled as drifted
 * @param quality            the event-time windows of the quality map
 * @param retentionMillis    how long outcomes, quality rows and label counts are kept (map
 *                           TTL); at least the longest label horizon, since a window's row
 *                           changes until then
 * @param modelHorizonsMillis label horizons of particular models, overriding
 *                           {@code labelHorizonMillis}
 * @param dataDrift          how recent scored events are compared with the training reference
 * @param modelDetectors     drift detectors of particular models
 */
public record FeedbackSettings(long labelHorizonMillis, DetectorSettings detector, int rollingWindow, int healthEvery,
        int driftLookback, double maxAccuracyDrop, QualityWindows quality, long retentionMillis,
        Map<String, Long> modelHorizonsMillis, DataDriftSettings dataDrift, Map<String, DetectorSettings> modelDetectors)
        implements java.io.Serializable {

    public static final FeedbackSettings DEFAULTS = new FeedbackSettings(600_000, AdwinSettings.DEFAULTS, 1_000, 250,
            500, 0.05, QualityWindows.DEFAULTS, 86_400_000, Map.of(), DataDriftSettings.DEFAULTS, Map.of());

    /** Settings with the default quality windows, a day's retention and one horizon for every model. */
    public FeedbackSettings(long labelHorizonMillis, DetectorSettings detector, int rollingWindow, int healthEvery,
            int driftLookback, double maxAccuracyDrop) {
        this(labelHorizonMillis, detector, rollingWindow, healthEvery, driftLookback, maxAccuracyDrop,
                QualityWindows.DEFAULTS, Math.max(86_400_000, labelHorizonMillis), Map.of(), DataDriftSettings.DEFAULTS, Map.of());
    }

    public FeedbackSettings {
        modelHorizonsMillis = Map.copyOf(modelHorizonsMillis);
        modelDetectors = Map.copyOf(modelDetectors);
        List<String> problems = new ArrayList<>();
        if (labelHorizonMillis < 1) {
            problems.add("labelHorizonMillis must be 1 or more, got " + labelHorizonMillis);
        }
        modelHorizonsMillis.forEach((model, horizon) -> {
            if (horizon < 1) {
                problems.add("the label horizon of model '" + model + "' must be 1 ms or more, got " + horizon);
            }
        });
        long longest = longest(labelHorizonMillis, modelHorizonsMillis);
        if (retentionMillis < longest) {
            problems.add("retentionMillis must be at least the longest label horizon (" + longest + "), got "
                    + retentionMillis);
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

    /** How long a prediction of this model waits for its label, and a label for its prediction. */
    public long horizonMillis(String model) {
        return modelHorizonsMillis.getOrDefault(model, labelHorizonMillis);
    }

    /** The settings of this model's drift detector. */
    public DetectorSettings detectorFor(String model) {
        return modelDetectors.getOrDefault(model, detector);
    }

    /** Every label horizon some model has, shortest first: the join keeps one state store per horizon. */
    public List<Long> horizonsMillis() {
        return Stream.concat(Stream.of(labelHorizonMillis), modelHorizonsMillis.values().stream())
                .distinct().sorted().toList();
    }

    /** The longest label horizon of any model: how long labels are kept. */
    public long longestHorizonMillis() {
        return longest(labelHorizonMillis, modelHorizonsMillis);
    }

    private static long longest(long labelHorizonMillis, Map<String, Long> modelHorizonsMillis) {
        return modelHorizonsMillis.values().stream().mapToLong(Long::longValue).reduce(labelHorizonMillis, Math::max);
    }
}
