package dev.hatchery.scorer;

/**
 * The prediction for one event, stamped with the model version and epoch that made it.
 *
 * @param probability the posterior probability of the predicted class
 * @param probabilities the posterior of every class, indexed as the version's classes (empty in
 *                    predictions written before Hatchery kept it)
 * @param features    the inputs the model saw, kept so the outcome can become training data
 * @param jobId       the scoring job that wrote it
 * @param executionId that job's execution: after a failure the job restarts from its last
 *                    snapshot in a new execution and rescores the events since, overwriting;
 *                    {@link ScoringAudit} tells such replays apart from scoring twice
 */
public record Prediction(
        String eventId,
        String model,
        int version,
        long epoch,
        int predictedClass,
        String predictedLabel,
        double probability,
        double[] probabilities,
        double[] features,
        long eventTimeMillis,
        long scoredAtMillis,
        long jobId,
        long executionId) implements ScoreResult {
}
