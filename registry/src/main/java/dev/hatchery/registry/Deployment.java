package dev.hatchery.registry;

import java.util.List;

/**
 * The deployment pointer of one model: the version that serves, and the epoch of the change
 * that made it serve. Every publish and every rollback yields a higher epoch than the last,
 * so a holder can order changes without trusting the order it hears of them.
 *
 * @param rollbackStack the versions that served before this one, newest first; a rollback
 *                      returns to the head of it
 */
public record Deployment(
        String model,
        int version,
        long epoch,
        Action action,
        long publishedAtMillis,
        String by,
        String reason,
        List<Integer> rollbackStack) {

    /** How many earlier versions a pointer remembers for rollback. */
    public static final int ROLLBACK_DEPTH = 32;

    public enum Action { PUBLISH, ROLLBACK }

    public Deployment {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be 1 or more, got " + epoch);
        }
        rollbackStack = List.copyOf(rollbackStack);
    }

    public String versionKey() {
        return ModelVersion.key(model, version);
    }
}
