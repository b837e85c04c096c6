package dev.hatchery.scorer.online;

import org.jspecify.annotations.Nullable;

/**
 * Where a replica is, as of its last batch of entries: read without waiting for the replica.
 *
 * @param model       the model
 * @param sequence    the next log entry to apply: every entry before it is applied or skipped
 * @param revision    how many outcomes the learner has learnt
 * @param duplicates  entries skipped as duplicates since the replica started (from empty or
 *                    from a checkpoint: the counts are not part of a checkpoint)
 * @param refused     entries the learner refused since the replica started
 * @param lastRefused the latest of those, if any
 * @param status      whether it goes on applying
 */
public record ReplicaProgress(String model, long sequence, long revision, long duplicates, long refused,
        @Nullable RefusedOutcome lastRefused, ReplicaStatus status) {

    /** The sequence of the last entry applied or skipped; -1 before the first. */
    public long appliedSequence() {
        return sequence - 1;
    }
}
