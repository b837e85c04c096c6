package dev.hatchery.registry;

import java.util.List;

/**
 * The deployment pointer of one model: the version that serves, and the epoch of the change
 * that made it serve. Every publish and every rollback yields a higher epoch than the last,
 * so a holder can order changes without trusting the order it hears of them.
 *
 * @param rollbackStack the versions that served before this one, newest first; a rollback
 *                      returns to the head of it
 * @param logSequence   for a rollback (or promote) of an online model, the entry of the model's
 *                      outcome log every member's replica of the version learns on from, the
 *                      log's end at the move: outcomes between the version's checkpoint and the
 *                      move are not learnt. {@link #NO_LOG_SEQUENCE} otherwise: an online
 *                      version learns on from its own checkpoint's position
 */
public record Deployment(
        String model,
        int version,
        long epoch,
        Action action,
        long publishedAtMillis,
        String by,
        String reason,
        List<Integer> rollbackStack,
        long logSequence) {

    /** A pointer that names no log position: the version's own, for an online version. */
    public static final long NO_LOG_SEQUENCE = -1;

    public Deployment(String model, int version, long epoch, Action action, long publishedAtMillis, String by,
            String reason, List<Integer> rollbackStack) {
        this(model, version, epoch, action, publishedAtMillis, by, reason, rollbackStack, NO_LOG_SEQUENCE);
    }

    /** How many earlier versions a pointer remembers for rollback. */
    public static final int ROLLBACK_DEPTH = 32;

    public enum Action { PUBLISH, ROLLBACK }

    public Deployment {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be 1 or more, got " + epoch);
        }
        rollbackStack = List.copyOf(rollbackStack);
        if (logSequence < NO_LOG_SEQUENCE) {
            throw new IllegalArgumentException("logSequence must be 0 or more, or " + NO_LOG_SEQUENCE + " for none, got "
                    + logSequence);
        }
    }

    public String versionKey() {
        return ModelVersion.key(model, version);
    }
}
