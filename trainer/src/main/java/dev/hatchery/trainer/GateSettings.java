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
 * @param refit          a challenger the gate lets through is trained again on the whole window,
 *                       the holdout included, and that fit is what registers: on drifting data
 *                       the newest rows are the most telling ones to learn from. The gate's
 *                       evidence is the holdout score of the fit it judged; the refit uses the
 *                       same algorithm, hyperparameters and seed on more rows. Off by
 *                       default: through the running system it gained ELEC2 nothing
 *                       (BENCHMARKS, {@code prequential})
 */
public record GateSettings(boolean enabled, double minImprovement, double alpha, double accuracyFloor, boolean refit) {

    private static final boolean DEFAULT_REFIT = false;

    public static final GateSettings DEFAULTS = new GateSettings(true, 0.0, 0.05, 0.0, DEFAULT_REFIT);

    /** A gate that registers the fit it judged, as by default. */
    public GateSettings(boolean enabled, double minImprovement, double alpha, double accuracyFloor) {
        this(enabled, minImprovement, alpha, accuracyFloor, DEFAULT_REFIT);
    }

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
