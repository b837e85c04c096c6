package dev.hatchery.scorer;

/**
 * The prediction for one event, stamped with the model version and epoch that made it.
 *
 * @param features   the inputs the model saw, kept so the outcome can become training data
 * @param scoreCount how many times this event id was written by the scoring job: 1 unless
 *                   something scored it twice, which the loop's counts report as duplicated
 */
public record Prediction(
        String eventId,
        String model,
        int version,
        long epoch,
        int predictedClass,
        String predictedLabel,
        double probability,
        double[] features,
        long eventTimeMillis,
        long scoredAtMillis,
        int scoreCount) implements ScoreResult {

    Prediction scoredAgain(Prediction earlier) {
        return new Prediction(eventId, model, version, epoch, predictedClass, predictedLabel, probability,
                features, eventTimeMillis, scoredAtMillis, earlier.scoreCount + scoreCount);
    }
}
