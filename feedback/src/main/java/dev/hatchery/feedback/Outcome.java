package dev.hatchery.feedback;

/**
 * A prediction judged by its label: the unit of training data and of quality.
 *
 * @param version the version that made the prediction, with its epoch
 */
public record Outcome(
        String eventId,
        String model,
        int version,
        long epoch,
        double[] features,
        int trueClass,
        String trueLabel,
        int predictedClass,
        String predictedLabel,
        long eventTimeMillis,
        long labelledAtMillis) {

    public boolean correct() {
        return trueClass == predictedClass;
    }
}
