package dev.hatchery.feedback;

import com.hazelcast.jet.Traverser;
import com.hazelcast.jet.Traversers;
import dev.hatchery.feedback.LabelCase.Kind;
import dev.hatchery.scorer.DeadLetter;
import dev.hatchery.scorer.Prediction;
import org.jspecify.annotations.Nullable;

/**
 * One event id's side of the prediction–label join: whichever arrived first waits here for
 * the other, until the model's label horizon. Once joined, later arrivals (a second label, a
 * re-written prediction) are ignored: the first label wins. Every label and prediction ends
 * up counted as one {@link LabelCase}. Kept in the job's snapshots; a field-only class so that
 * Compact serializes it without configuration.
 */
final class JoinState {

    @Nullable Prediction prediction;
    @Nullable Label label;
    boolean labelCameFirst;
    boolean joined;

    /**
     * Emits, for this arrival: nothing (still waiting), or the {@link Judged} pair with its
     * {@link LabelCase}, or the case of an ignored label.
     *
     * @param horizonMillis the model's label horizon: a label later than this after scoring is
     *                      ignored and the prediction counted unlabelled
     */
    Traverser<Joined> accept(Arrival arrival, long horizonMillis) {
        switch (arrival) {
            case Arrival.Scored(Prediction p) -> {
                if (joined) {
                    return Traversers.empty();
                }
                prediction = p;
            }
            case Arrival.Labelled(Label l) -> {
                if (joined || label != null) {
                    return Traversers.singleton(new LabelCase(l.model(), Kind.DUPLICATE));
                }
                label = l;
                labelCameFirst = prediction == null;
            }
        }
        if (prediction == null || label == null) {
            return Traversers.empty();
        }
        Prediction p = prediction;
        Label l = label;
        joined = true;
        // Nothing else is needed from the pair; keep the state small until it expires.
        prediction = null;
        label = null;
        if (l.timeMillis() - p.scoredAtMillis() > horizonMillis) {
            return Traversers.traverseItems(new LabelCase(l.model(), Kind.PAST_HORIZON),
                    new LabelCase(p.model(), Kind.UNLABELLED));
        }
        return Traversers.traverseItems(new Judged(p, l),
                new LabelCase(p.model(), labelCameFirst ? Kind.LABELLED_BEFORE_PREDICTION : Kind.LABELLED));
    }

    /** What is left when the horizon has passed: an unlabelled prediction, or a label without one. */
    Traverser<Joined> expire(long nowMillis) {
        if (joined) {
            return Traversers.empty();
        }
        if (prediction != null) {
            return Traversers.singleton(new LabelCase(prediction.model(), Kind.UNLABELLED));
        }
        if (label != null) {
            Label l = label;
            return Traversers.traverseItems(new LabelCase(l.model(), Kind.WITHOUT_PREDICTION),
                    new Joined.Unmatched(DeadLetter.ofLabel(l.eventId(), l.model(), "label '" + l.label()
                            + "' of event " + l.eventId() + " waited the whole label horizon of model '" + l.model()
                            + "' and no prediction for that event came: check the event id and the model, or "
                            + "that the event was sent to the events map", l.toString(), nowMillis)));
        }
        return Traversers.empty();
    }
}
