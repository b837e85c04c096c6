package dev.hatchery.feedback;

/**
 * How one model's labels fared at the join, summed since the job started (a restore after a
 * failure may count the outcomes since the last snapshot twice).
 *
 * @param labelled                 labels joined to their prediction within the horizon
 * @param labelledBeforePrediction of those, labels that arrived first and waited
 * @param duplicates               further labels of an already labelled event, ignored
 * @param pastHorizon              labels that came later than the horizon after scoring, ignored
 * @param unlabelled               predictions whose label never came within the horizon
 * @param withoutPrediction        labels whose prediction never came within the horizon
 */
public record LabelCounts(String model, long labelled, long labelledBeforePrediction, long duplicates,
        long pastHorizon, long unlabelled, long withoutPrediction, long updatedAtMillis) {

    static LabelCounts of(String model, long[] byKind, long nowMillis) {
        return new LabelCounts(model,
                byKind[LabelCase.Kind.LABELLED.ordinal()] + byKind[LabelCase.Kind.LABELLED_BEFORE_PREDICTION.ordinal()],
                byKind[LabelCase.Kind.LABELLED_BEFORE_PREDICTION.ordinal()],
                byKind[LabelCase.Kind.DUPLICATE.ordinal()], byKind[LabelCase.Kind.PAST_HORIZON.ordinal()],
                byKind[LabelCase.Kind.UNLABELLED.ordinal()], byKind[LabelCase.Kind.WITHOUT_PREDICTION.ordinal()],
                nowMillis);
    }

    LabelCounts plus(LabelCounts more) {
        return new LabelCounts(model, labelled + more.labelled, labelledBeforePrediction + more.labelledBeforePrediction,
                duplicates + more.duplicates, pastHorizon + more.pastHorizon, unlabelled + more.unlabelled,
                withoutPrediction + more.withoutPrediction, Math.max(updatedAtMillis, more.updatedAtMillis));
    }
}
