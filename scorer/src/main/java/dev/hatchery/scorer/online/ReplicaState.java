package dev.hatchery.scorer.online;

import dev.hatchery.registry.ModelCodec;

/**
 * A replica's learner at one point of its log, with how it did on the outcomes it learnt since
 * the replica started: what a checkpoint version is registered from.
 *
 * @param sequence      the next log entry to apply: every entry before it is applied or skipped
 * @param revision      how many outcomes the learner has learnt
 * @param learner       the learner's {@link dev.hatchery.registry.online.OnlineLearner#toBytes bytes}
 * @param startSequence where the replica started (a checkpoint's sequence, or 0); the counts are since then
 * @param tested        outcomes learnt since the start
 * @param testedCorrect of those, how many the learner had answered right just before it learnt them
 *                      (test-then-train; a learner that knew no class yet answered none right)
 */
public record ReplicaState(String model, long sequence, long revision, byte[] learner, long startSequence, long tested,
        long testedCorrect) {

    public String sha256() {
        return ModelCodec.sha256(learner);
    }
}
