package dev.hatchery.scorer;

/**
 * The prediction for one event, stamped with the model version and epoch that made it.
 *
 * @param features    the inputs the model saw, kept so the outcome can become training data
 * @param jobId       the scoring job that wrote it
 * @param executionId that job's execution: after a failure the job restarts from its last
 *                    snapshot in a new execution and rescores the events since, overwriting
 * @param scoreCount  how many times this event id was scored other than by such a replay: 1
 *                    unless something scored it twice (another job, or the same execution
 *                    twice), which the loop's counts report as duplicated
 * @param replays     how many times a restored execution of the same job rescored it
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
        long jobId,
        long executionId,
        int scoreCount,
        int replays) implements ScoreResult {

    /** This prediction written over {@code earlier}: the new answer, with the writes counted. */
    Prediction over(Prediction earlier) {
        boolean replay = jobId == earlier.jobId && executionId != earlier.executionId;
        return new Prediction(eventId, model, version, epoch, predictedClass, predictedLabel, probability,
                features, eventTimeMillis, scoredAtMillis, jobId, executionId,
                earlier.scoreCount + (replay ? 0 : scoreCount), earlier.replays + (replay ? 1 : replays));
    }
}
