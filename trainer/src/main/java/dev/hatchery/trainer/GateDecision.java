package dev.hatchery.trainer;

/** Whether a challenger earns deployment: it must beat the serving version on the same holdout. */
public sealed interface GateDecision {

    record Deploy(double challengerAccuracy, double championAccuracy) implements GateDecision {
    }

    record Keep(double challengerAccuracy, double championAccuracy, String reason) implements GateDecision {
    }

    /** Deploys only if the challenger is more accurate than the champion by more than {@code margin}. */
    static GateDecision decide(double challenger, double champion, double margin, int holdoutRows) {
        if (challenger > champion + margin) {
            return new Deploy(challenger, champion);
        }
        return new Keep(challenger, champion, String.format(
                "challenger %.4f does not beat champion %.4f by more than %.4f on %d holdout rows",
                challenger, champion, margin, holdoutRows));
    }
}
