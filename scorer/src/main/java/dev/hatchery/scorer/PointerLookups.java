package dev.hatchery.scorer;

import dev.hatchery.registry.ModelRegistry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads of the deployment pointer of models this member has heard of no deployment of: an event
 * written after a publish returned can be read here before this member's listener hears of that
 * publish (the listener is asynchronous, even on one member), and a read of the pointer begun
 * after the event was read is sure to see it.
 */
final class PointerLookups {

    private static final Logger LOG = LoggerFactory.getLogger(PointerLookups.class);

    private final ModelRegistry registry;
    private final VersionLoader loader;
    private final ActivationWait wait;
    private final String member;
    /** Per model this member heard no deployment of, the latest read of its pointer. */
    private final Map<String, Lookup> lookups = new ConcurrentHashMap<>();

    /** A read of a model's deployment pointer, begun at {@code startedNanos} (System.nanoTime()). */
    record Lookup(long startedNanos, long deadlineNanos, CompletableFuture<@Nullable Void> done) {
    }

    PointerLookups(ModelRegistry registry, VersionLoader loader, ActivationWait wait, String member) {
        this.registry = registry;
        this.loader = loader;
        this.wait = wait;
        this.member = member;
    }

    /**
     * A read of {@code model}'s deployment pointer begun at or after {@code notBeforeNanos}: the
     * one under way, or a new one. The read runs on the releaser thread (a map read: never on
     * Jet's threads), offers what it finds as if heard, and retries the waiting batches. One read
     * per model at a time, so a stream of events of a model nobody deployed costs a read per
     * batch, not per event.
     */
    Lookup lookUp(String model, long notBeforeNanos) {
        return lookups.compute(model, (m, earlier) -> {
            if (earlier != null && earlier.startedNanos() - notBeforeNanos >= 0) {
                return earlier;
            }
            if (earlier != null && !earlier.done().isDone()) {
                // Begun before this event was read: the next read starts when it ends.
                return earlier;
            }
            Lookup lookup = new Lookup(System.nanoTime(),
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ModelHolder.ACTIVATION_WAIT_MILLIS),
                    new CompletableFuture<>());
            try {
                wait.execute(() -> readPointer(model, lookup));
            } catch (RejectedExecutionException closing) {
                lookup.done().complete(null);
            }
            return lookup;
        });
    }

    /**
     * Drops the reads of pointers that ended longer ago than any event could have waited for them:
     * producers may name any number of models nobody deployed, and each would stay here for good.
     * An event checked before a read that is gone only costs another read.
     */
    void forgetFinished() {
        long now = System.nanoTime();
        lookups.values().removeIf(lookup -> lookup.done().isDone() && now - lookup.deadlineNanos() > 0);
    }

    private void readPointer(String model, Lookup lookup) {
        try {
            registry.deployment(model).ifPresent(loader::offer);
        } catch (RuntimeException e) {
            LOG.debug("{} could not read the deployment pointer of model '{}': {}", member, model, e.toString());
        } finally {
            lookup.done().complete(null);
            wait.release();
        }
    }
}
