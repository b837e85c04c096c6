package dev.hatchery.scorer.online;

/**
 * A log entry a replica's learner refused (its width, a class beyond the learner's capacity):
 * skipped, and by every replica the same way, since the learner's checks depend on the outcome
 * and on the learner's state alone, which the replicas share.
 *
 * @param model    the model
 * @param sequence the entry's sequence in the log
 * @param eventId  the entry's event id
 * @param reason   the learner's reason
 */
public record RefusedOutcome(String model, long sequence, String eventId, String reason) {
}
