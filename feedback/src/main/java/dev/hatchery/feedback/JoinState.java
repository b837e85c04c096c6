package dev.hatchery.feedback;

import dev.hatchery.scorer.Prediction;
import org.jspecify.annotations.Nullable;

/**
 * One event id's side of the prediction–label join: whichever arrived first waits here for
 * the other. Once joined, later arrivals (a second label, a re-written prediction) are ignored:
 * the first label wins. Kept in the job's snapshots; a field-only class so that Compact
 * serializes it without configuration.
 */
final class JoinState {

    @Nullable Prediction prediction;
    @Nullable Label label;
    boolean joined;

    /** The pair once both sides are here, exactly once; null while waiting or after. */
    @Nullable Judged accept(Object arrival) {
        if (joined) {
            return null;
        }
        switch (arrival) {
            case Prediction p -> prediction = p;
            case Label l -> {
                if (label == null) {
                    label = l;
                }
            }
            default -> throw new IllegalArgumentException("unexpected arrival " + arrival);
        }
        if (prediction == null || label == null) {
            return null;
        }
        joined = true;
        Judged judged = new Judged(prediction, label);
        // Nothing else is needed from the pair; keep the state small until it expires.
        prediction = null;
        label = null;
        return judged;
    }
}
