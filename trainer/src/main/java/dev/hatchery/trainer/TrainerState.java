package dev.hatchery.trainer;

/**
 * What the trainer remembers per model between runs, on any member. Written only under the
 * model's training lease.
 *
 * @param handledSignal          the last drift signal acted on
 * @param conceptStartEventTime  where the current concept began, as far as the trainer knows:
 *                               since-drift windows do not reach back before it
 * @param lastWindowEndEventTime the newest outcome the last run saw
 * @param servingWindowStartEventTime where the window of the run that deployed the serving
 *                               version began: a drift signal is answered only by a version
 *                               trained from the drift on
 * @param lastScheduledFireMillis the last schedule firing a run was started for: members
 *                               that fire the same schedule later start nothing
 * @param handledDataDriftEpoch  the serving epoch whose data drift was last acted on
 */
public record TrainerState(String model, long handledSignal, long conceptStartEventTime, long lastWindowEndEventTime,
        long servingWindowStartEventTime, long lastScheduledFireMillis, long handledDataDriftEpoch) {

    static TrainerState initial(String model) {
        return new TrainerState(model, 0, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, 0);
    }

    /** The trigger is being answered: later requests for the same signal, firing or epoch start nothing. */
    TrainerState starting(Trigger trigger) {
        return switch (trigger) {
            case Trigger.Drift drift -> new TrainerState(model, Math.max(drift.sequence(), handledSignal),
                    drift.driftSinceEventTimeMillis(), lastWindowEndEventTime, servingWindowStartEventTime,
                    lastScheduledFireMillis, handledDataDriftEpoch);
            case Trigger.Scheduled scheduled -> new TrainerState(model, handledSignal, conceptStartEventTime,
                    lastWindowEndEventTime, servingWindowStartEventTime,
                    Math.max(scheduled.fireTimeMillis(), lastScheduledFireMillis), handledDataDriftEpoch);
            case Trigger.DataDrift dataDrift -> new TrainerState(model, handledSignal, conceptStartEventTime,
                    lastWindowEndEventTime, servingWindowStartEventTime, lastScheduledFireMillis,
                    Math.max(dataDrift.epoch(), handledDataDriftEpoch));
            case Trigger.AccuracyFloor ignored -> this;
            case Trigger.MoreData ignored -> this;
            case Trigger.Refresh ignored -> this;
            case Trigger.Manual ignored -> this;
        };
    }

    TrainerState finished(long windowStartEventTime, long windowEndEventTime, boolean deployed) {
        return new TrainerState(model, handledSignal, conceptStartEventTime,
                Math.max(windowEndEventTime, lastWindowEndEventTime),
                deployed ? windowStartEventTime : servingWindowStartEventTime, lastScheduledFireMillis,
                handledDataDriftEpoch);
    }
}
