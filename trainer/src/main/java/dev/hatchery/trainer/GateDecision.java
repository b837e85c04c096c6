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

    /**
     * Keeps the champion instead if a drift was signalled while the run trained ({@code
     * signalNow} above {@code signalAtStart}) and the run does not answer that very signal: its
     * holdout is as old as its window, so a challenger that wins there may know nothing of the
     * concept the drift brought. The next run trains from the drift on.
     */
    default GateDecision unlessDriftedMeanwhile(long signalAtStart, long signalNow, Trigger trigger) {
        boolean answersIt = trigger instanceof Trigger.Drift drift && drift.sequence() >= signalNow;
        if (this instanceof Deploy deploy && signalNow > signalAtStart && !answersIt) {
            return new Keep(deploy.challengerAccuracy(), deploy.championAccuracy(), "drift signal #" + signalNow
                    + " came while this run trained on data from before it; the next run answers it");
        }
        return this;
    }
}
