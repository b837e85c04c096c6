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
    static GateDecision decide(HeadToHead holdout, GateSettings gate) {
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
     * signalNow} above {@code signalAtStart}), the run does not answer that very signal, and the
     * drift began after the newest row of the run's holdout: then a challenger that wins there
     * knows nothing of the concept the drift brought, and the next run trains from the drift on.
     * A holdout that reaches past the drift's start already judged the challenger on it.
     */
    default GateDecision unlessDriftedMeanwhile(long signalAtStart, long signalNow, Trigger trigger,
            boolean holdoutPredatesDrift) {
        boolean answersIt = trigger instanceof Trigger.Drift drift && drift.sequence() >= signalNow;
        if (this instanceof Deploy && signalNow > signalAtStart && !answersIt && holdoutPredatesDrift) {
            return new Keep("drift signal #" + signalNow + " came while this run trained, on a drift that began after"
                    + " its newest holdout row; the next run answers it");
        }
        return this;
    }
}
