package dev.hatchery.trainer;

import dev.hatchery.feedback.DataDriftState;
import dev.hatchery.feedback.DriftSignal;
import dev.hatchery.feedback.ModelHealth;
import dev.hatchery.registry.Deployment;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongUnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a deployed model is due for an automatic run, and whether a waiting request still is:
 * a pure function of what the feedback side says of the model and what the trainer remembers,
 * so it is tested without a cluster. {@link RunDispatcher} gathers the facts.
 */
final class TriggerPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private TriggerPolicy() {
    }

    /**
     * What is known of one deployed model when its triggers are checked.
     *
     * @param signal        its latest drift signal, null if none
     * @param dataDrift     its latest data-drift state, null if none
     * @param health        its latest health, null if none
     * @param servingRows   rows the serving version trained on (looked up only if needed)
     * @param outcomesSince labelled outcomes of the model with event time ≥ the argument
     *                      ({@code Long.MIN_VALUE}: all)
     */
    record Situation(String model, TrainingPolicy policy, Deployment deployment, TrainerState memory,
            @Nullable DriftSignal signal, @Nullable DataDriftState dataDrift, @Nullable ModelHealth health,
            IntSupplier servingRows, LongUnaryOperator outcomesSince, long nowMillis) {
    }

    /** The automatic trigger due, if any, in order of urgency. */
    static Optional<Trigger> due(Situation now) {
        TrainingPolicy policy = now.policy();
        TriggerSettings triggers = policy.triggers();
        TrainerState memory = now.memory();
        int minRows = policy.window().minRows();
        DriftSignal signal = now.signal();
        if (triggers.drift() && signal != null && signal.sequence() > memory.handledSignal()
                && memory.servingWindowStartEventTime() < signal.driftSinceEventTimeMillis()) {
            boolean settled = now.nowMillis() - signal.detectedAtMillis() >= triggers.debounceMillis();
            long rows = now.outcomesSince().applyAsLong(signal.driftSinceEventTimeMillis());
            if (settled && rows >= minRows) {
                return Optional.of(new Trigger.Drift(signal.sequence(), signal.detector(), signal.detectedAtEventId(),
                        signal.errorRate(), signal.statistic(), signal.driftSinceEventTimeMillis()));
            }
            // While the drift waits for its rows, the other triggers still apply: signals that
            // keep coming (a stream that drifts all the time) must not starve the model.
            LOG.debug("{}: drift signal #{} waits: {} of {} rows, settled {}", now.model(), signal.sequence(), rows,
                    minRows, settled);
        }
        long epoch = now.deployment().epoch();
        DataDriftState shifted = now.dataDrift();
        if (triggers.dataDrift() && shifted != null && shifted.drifted() && shifted.epoch() == epoch
                && shifted.epoch() > memory.handledDataDriftEpoch()) {
            return Optional.of(new Trigger.DataDrift(shifted.version(), shifted.epoch(), shifted.position(),
                    shifted.driftedFeatures(), shifted.maxPsi()));
        }
        ModelHealth health = now.health();
        double floor = policy.gate().accuracyFloor();
        if (floor > 0 && health != null && health.epoch() == epoch && health.outcomes() >= minRows
                && health.rollingAccuracy() < floor) {
            return Optional.of(new Trigger.AccuracyFloor(health.rollingAccuracy(), floor));
        }
        long fresh = now.outcomesSince().applyAsLong(memory.lastWindowEndEventTime() == Long.MIN_VALUE
                ? Long.MIN_VALUE : memory.lastWindowEndEventTime() + 1);
        if (triggers.moreData() && fresh >= minRows) {
            int servingRows = now.servingRows().getAsInt();
            int trainable = (int) (policy.window().maxRows() * (1 - policy.holdoutFraction()));
            if (servingRows < trainable) {
                long conceptRows = now.outcomesSince().applyAsLong(memory.conceptStartEventTime());
                if (conceptRows * (1 - policy.holdoutFraction()) >= 2.0 * servingRows) {
                    return Optional.of(new Trigger.MoreData(conceptRows, now.deployment().version(), servingRows));
                }
            }
        }
        if (triggers.refreshEveryRows() > 0 && fresh >= triggers.refreshEveryRows()) {
            return Optional.of(new Trigger.Refresh(fresh));
        }
        return Optional.empty();
    }

    /**
     * Whether a waiting request is still due now that this member holds the lease: another
     * member may have answered it meanwhile. An operator's request always is.
     *
     * @param dueNow whether {@link #due} finds a trigger now (asked only for the kinds it decides)
     */
    static boolean stillDue(Trigger trigger, boolean paused, TrainerState memory, BooleanSupplier dueNow) {
        if (trigger.manual()) {
            return true;
        }
        if (paused) {
            return false;
        }
        return switch (trigger) {
            case Trigger.Manual ignored -> true;
            case Trigger.Scheduled scheduled -> scheduled.fireTimeMillis() > memory.lastScheduledFireMillis();
            case Trigger.Drift drift -> drift.sequence() > memory.handledSignal();
            case Trigger.DataDrift drift -> drift.epoch() > memory.handledDataDriftEpoch();
            case Trigger.AccuracyFloor ignored -> dueNow.getAsBoolean();
            case Trigger.MoreData ignored -> dueNow.getAsBoolean();
            case Trigger.Refresh ignored -> dueNow.getAsBoolean();
        };
    }
}
