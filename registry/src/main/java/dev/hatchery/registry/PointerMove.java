package dev.hatchery.registry;

import com.hazelcast.map.EntryProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Moves one model's deployment pointer in a single atomic step on the partition that owns it:
 * to a given version (publish, or an operator's rollback to a named version) or back to the head
 * of the rollback stack (rollback). The new epoch is always the old one plus one, so rollbacks
 * move forward in epochs too.
 *
 * <p>Returns the new {@link Deployment}. A move that cannot be made throws an
 * {@link IllegalStateException} saying why, which Hazelcast hands to the caller as it is; the
 * entry is left as it was, and no backup sees the move. The move carries its own timestamp so
 * the backup replica computes the very same entry.
 */
record PointerMove(@Nullable Integer targetVersion, Deployment.Action action, long atMillis, String by, String reason,
        long logSequence) implements EntryProcessor<String, Deployment, Deployment> {

    PointerMove(@Nullable Integer targetVersion, Deployment.Action action, long atMillis, String by, String reason) {
        this(targetVersion, action, atMillis, by, reason, Deployment.NO_LOG_SEQUENCE);
    }

    /** The same move, naming where an online version's replicas learn on from ({@link Deployment#logSequence}). */
    PointerMove from(long sequence) {
        return new PointerMove(targetVersion, action, atMillis, by, reason, sequence);
    }

    static PointerMove publish(int version, long atMillis, String by, String reason) {
        return new PointerMove(version, Deployment.Action.PUBLISH, atMillis, by, reason);
    }

    static PointerMove rollback(long atMillis, String by, String reason) {
        return new PointerMove(null, Deployment.Action.ROLLBACK, atMillis, by, reason);
    }

    static PointerMove rollbackTo(int version, long atMillis, String by, String reason) {
        return new PointerMove(version, Deployment.Action.ROLLBACK, atMillis, by, reason);
    }

    @Override
    public Deployment process(Map.Entry<String, Deployment> entry) {
        Deployment current = entry.getValue();
        String model = entry.getKey();
        Deployment next;
        if (targetVersion != null) {
            if (current != null && current.version() == targetVersion) {
                throw new IllegalStateException("v" + targetVersion + " is already serving model '" + model
                        + "' (epoch " + current.epoch() + ")");
            }
            if (current == null && action == Deployment.Action.ROLLBACK) {
                throw new IllegalStateException("model '" + model + "' has never been published: nothing to roll back");
            }
            next = new Deployment(model, targetVersion, current == null ? 1 : current.epoch() + 1, action, atMillis, by,
                    reason, trimmed(stackAfter(current, targetVersion)), logSequence);
        } else {
            if (current == null) {
                throw new IllegalStateException("model '" + model + "' has never been published: nothing to roll back");
            }
            if (current.rollbackStack().isEmpty()) {
                throw new IllegalStateException("model '" + model + "' has no earlier version to roll back to"
                        + " (serving v" + current.version() + ", epoch " + current.epoch() + ")");
            }
            List<Integer> stack = current.rollbackStack();
            next = new Deployment(model, stack.getFirst(), current.epoch() + 1,
                    Deployment.Action.ROLLBACK, atMillis, by, reason, stack.subList(1, stack.size()), logSequence);
        }
        entry.setValue(next);
        return next;
    }

    /**
     * The rollback stack once {@code target} serves: a rollback to a version on the stack pops
     * down to it; anything else pushes the current version.
     */
    private List<Integer> stackAfter(@Nullable Deployment current, int target) {
        if (current == null) {
            return List.of();
        }
        int onStack = current.rollbackStack().indexOf(target);
        if (action == Deployment.Action.ROLLBACK && onStack >= 0) {
            List<Integer> stack = current.rollbackStack();
            return stack.subList(onStack + 1, stack.size());
        }
        List<Integer> stack = new ArrayList<>();
        stack.add(current.version());
        stack.addAll(current.rollbackStack());
        return stack;
    }

    private static List<Integer> trimmed(List<Integer> stack) {
        return stack.size() <= Deployment.ROLLBACK_DEPTH ? stack : stack.subList(0, Deployment.ROLLBACK_DEPTH);
    }
}
