package dev.hatchery.trainer;

import java.util.ArrayList;
import java.util.List;

/**
 * What a challenger must show on the holdout (the most recent labelled rows, which neither
 * model trained on) to replace the champion.
 *
 * @param enabled        false deploys every challenger that trains (a baseline, not advice)
 * @param minImprovement how much more accurate than the champion the challenger must be
 * @param alpha          significance level of the one-sided exact McNemar test on the
 *                       rows where exactly one of the two is right
 * @param accuracyFloor  a champion below this holdout accuracy is replaced by any challenger
 *                       at least as good, significant or not; its rolling accuracy falling
 *                       below it also starts a run (0 turns both off)
 */
public record GateSettings(boolean enabled, double minImprovement, double alpha, double accuracyFloor) {

    public static final GateSettings DEFAULTS = new GateSettings(true, 0.0, 0.05, 0.0);

    public GateSettings {
        List<String> problems = new ArrayList<>();
        if (!(minImprovement >= 0 && minImprovement < 1)) {
            problems.add("trainer.gate.minImprovement must be in [0, 1), got " + minImprovement);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            problems.add("trainer.gate.alpha must be in (0, 1], got " + alpha);
        }
        if (!(accuracyFloor >= 0 && accuracyFloor < 1)) {
            problems.add("trainer.gate.accuracyFloor must be in [0, 1), got " + accuracyFloor);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid gate settings: " + String.join("; ", problems));
        }
    }
}
