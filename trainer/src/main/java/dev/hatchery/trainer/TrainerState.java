package dev.hatchery.trainer;

/**
 * What the trainer remembers per model between runs, on any member.
 *
 * @param handledSignal      the last drift signal acted on
 * @param conceptStartEventTime where the current concept began, as far as the trainer knows:
 *                             windows never reach back before it
 * @param lastWindowEndEventTime the newest outcome the last run saw
 * @param servingWindowStartEventTime where the window of the run that deployed the serving
 *                             version began: a drift signal is answered only by a version
 *                             trained from the drift on
 */
public record TrainerState(String model, long handledSignal, long conceptStartEventTime, long lastWindowEndEventTime,
        long servingWindowStartEventTime) {

    static TrainerState initial(String model) {
        return new TrainerState(model, 0, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE);
    }

    TrainerState handled(long signal) {
        return new TrainerState(model, signal, conceptStartEventTime, lastWindowEndEventTime, servingWindowStartEventTime);
    }
}
