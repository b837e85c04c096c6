package dev.hatchery.registry;

/**
 * What a trainer hands the registry for a new version: the model and the facts about how it
 * was made. The registry assigns the version number.
 */
public record Registration(String model, TrainedModel trained, int trainingRows, double holdoutAccuracy, String runId) {

    public Registration {
        if (model.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
        if (trainingRows < 0) {
            throw new IllegalArgumentException("trainingRows must be 0 or more, got " + trainingRows);
        }
    }
}
