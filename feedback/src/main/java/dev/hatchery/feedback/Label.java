package dev.hatchery.feedback;

/**
 * The true label of an event, as the outside world reports it, in the model's class words.
 *
 * @param timeMillis when the label became known
 */
public record Label(String eventId, String model, String label, long timeMillis) {
}
