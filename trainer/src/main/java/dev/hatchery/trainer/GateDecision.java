package dev.hatchery.trainer;

/** Whether a challenger earns deployment: it must beat the serving version on the same holdout. */
public sealed interface GateDecision {

    String reason();

    record Deploy(String reason) implements GateDecision {
    }

    record Keep(String reason) implements GateDecision {
    }

    /**
     * Deploys if the challenger is more accurate by more than the margin and McNemar's test
     * agrees at the gate's level, or if the champion is under the accuracy floor and the
     * challenger is no worse; keeps the champion otherwise. With the gate off, deploys.
     */
    static GateDecision decide(HoldoutComparison holdout, GateSettings gate) {
        double challenger = holdout.challengerAccuracy();
        double champion = holdout.championAccuracy();
        String scores = String.format("challenger %.4f vs champion %.4f on %d holdout rows (%d right only by the"
                + " challenger, %d only by the champion; McNemar p = %.4g)", challenger, champion, holdout.rows(),
                holdout.challengerOnly(), holdout.championOnly(), holdout.pValue());
        if (!gate.enabled()) {
            return new Deploy("gate off: " + scores);
        }
        if (gate.accuracyFloor() > 0 && champion < gate.accuracyFloor() && challenger >= champion) {
            return new Deploy(String.format("champion under the accuracy floor %.4f: ", gate.accuracyFloor()) + scores);
        }
        if (!(challenger > champion + gate.minImprovement())) {
            return new Keep(String.format("challenger does not beat the champion by more than %.4f: ",
                    gate.minImprovement()) + scores);
        }
        if (holdout.pValue() > gate.alpha()) {
            return new Keep(String.format("the improvement is not significant at alpha %.4g: ", gate.alpha()) + scores);
        }
        return new Deploy("challenger wins: " + scores);
    }

    /**
     * Keeps the champion instead if a drift was signalled while the run trained ({@code
     * signalNow} above {@code signalAtStart}) and the run does not answer that very signal: its
     * holdout is as old as its window, so a challenger that wins there may know nothing of the
     * concept the drift brought. The next run trains from the drift on.
     */
    default GateDecision unlessDriftedMeanwhile(long signalAtStart, long signalNow, Trigger trigger) {
        boolean answersIt = trigger instanceof Trigger.Drift drift && drift.sequence() >= signalNow;
        if (this instanceof Deploy && signalNow > signalAtStart && !answersIt) {
            return new Keep("drift signal #" + signalNow + " came while this run trained on data from before it; the"
                    + " next run answers it");
        }
        return this;
    }
}
