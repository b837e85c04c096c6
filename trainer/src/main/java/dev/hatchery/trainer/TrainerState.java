package dev.hatchery.trainer;

/**
 * What the trainer remembers per model between runs, on any member.
 *
 * @param handledSignal      the last drift signal acted on
 * @param conceptStartEventTime where the current concept began, as far as the trainer knows:
 *                             windows never reach back before it
 * @param lastWindowEndEventTime the newest outcome the last run saw
 */
public record TrainerState(String model, long handledSignal, long conceptStartEventTime, long lastWindowEndEventTime) {

    static TrainerState initial(String model) {
        return new TrainerState(model, 0, Long.MIN_VALUE, Long.MIN_VALUE);
    }
}
