package dev.hatchery.registry;

/**
 * A change of a model's shadow pointer, as listeners hear of it. Listeners may miss changes on
 * failover and hear them in any order across models: act on {@link ModelRegistry#shadow(String)},
 * which is the truth, and treat the change as a cue to look.
 */
public sealed interface ShadowChange {

    Shadow shadow();

    default String model() {
        return shadow().model();
    }

    /** {@code shadow} now scores in shadow. */
    record Started(Shadow shadow) implements ShadowChange {
    }

    /** {@code shadow} no longer does; see {@link ModelRegistry#shadowHistory(String)} for who ended it and why. */
    record Ended(Shadow shadow) implements ShadowChange {
    }
}
