package dev.hatchery.scorer.online;

import java.util.ArrayList;
import java.util.List;

/**
 * How a member's {@link OnlineApplier} takes turns. None of these change what a replica learns,
 * only when: replicas with different settings stay identical.
 *
 * @param readBatch     entries read from a log at a time, at most {@value OutcomeLog#MAX_BATCH}
 * @param maxHoldMicros how long the applier holds a replica's lock before it lets scorers in: it
 *                      releases it after the first entry that takes it past this, so a hold lasts
 *                      at most this plus one outcome's learning
 * @param turnMicros    how long the applier keeps to one replica before it turns to the next
 *                      that has entries waiting
 */
public record ApplierSettings(int readBatch, long maxHoldMicros, long turnMicros) {

    public static final ApplierSettings DEFAULTS = new ApplierSettings(OutcomeLog.MAX_BATCH, 1_000, 10_000);

    public ApplierSettings {
        List<String> problems = new ArrayList<>();
        if (readBatch < 1 || readBatch > OutcomeLog.MAX_BATCH) {
            problems.add("readBatch " + readBatch + " is not between 1 and " + OutcomeLog.MAX_BATCH);
        }
        if (maxHoldMicros < 1) {
            problems.add("maxHoldMicros " + maxHoldMicros + " is not 1 or more");
        }
        if (turnMicros < maxHoldMicros) {
            problems.add("turnMicros " + turnMicros + " is less than maxHoldMicros " + maxHoldMicros);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("online applier settings: " + String.join("; ", problems));
        }
    }
}
