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
 * @param revision    for an online model, how many outcomes its learner had learnt when it
 *                    predicted: with the version, the exact state that made the prediction (that
 *                    version's checkpoint and the model's outcome log up to {@code revision});
 *                    -1 for a batch version, which never changes
 * @param classes     for an online model, the classes its learner knew when it predicted,
 *                    indexing {@code probabilities} and {@code predictedClass} (a learner meets
 *                    classes as their outcomes come); empty for a batch version, whose classes
 *                    are its registered ones. An online model that has learnt nothing yet
 *                    predicts no class: {@code predictedClass} -1, {@code predictedLabel} empty
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
        long executionId,
        long revision,
        String[] classes) implements ScoreResult {

    /** A batch version's prediction. */
    public Prediction(String eventId, String model, int version, long epoch, int predictedClass, String predictedLabel,
            double probability, double[] probabilities, double[] features, long eventTimeMillis, long scoredAtMillis,
            long jobId, long executionId) {
        this(eventId, model, version, epoch, predictedClass, predictedLabel, probability, probabilities, features,
                eventTimeMillis, scoredAtMillis, jobId, executionId, BATCH_REVISION, new String[0]);
    }

    /** The revision of every batch version's prediction: it has none. */
    public static final long BATCH_REVISION = -1;

    /** Whether an online model made it (a batch version's revision is {@link #BATCH_REVISION}). */
    public boolean online() {
        return revision != BATCH_REVISION;
    }

    /** Whether the model named a class: an online model that has learnt nothing yet does not. */
    public boolean predicted() {
        return predictedClass >= 0;
    }
}
