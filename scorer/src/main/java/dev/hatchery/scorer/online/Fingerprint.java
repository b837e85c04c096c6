package dev.hatchery.scorer.online;

/**
 * A replica's state in one line, for comparing members: replicas of one model at the same
 * sequence have the same revision and the same hash, or one of them has diverged.
 *
 * @param model    the model
 * @param sequence the next log entry the replica would apply: every entry before it is applied or skipped
 * @param revision how many outcomes the learner has learnt
 * @param sha256   the SHA-256 of the learner's bytes, in lower-case hex
 */
public record Fingerprint(String model, long sequence, long revision, String sha256) {
}
