package dev.hatchery.ops.demo;

import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.scorer.ModelHolder;
import dev.hatchery.scorer.ScorerMaps;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Rows replayed as events into a member, by the demo and by the benchmarks that replay data the
 * same way: row i is event {@code e-000000i}, and the waits for the model to serve and for every
 * event to be scored.
 */
public final class ReplayedEvents {

    private ReplayedEvents() {
    }

    /** The id of row {@code index}'s event. */
    public static String id(long index) {
        return String.format("e-%07d", index);
    }

    /** The row of an event id made by {@link #id}. */
    public static long indexOf(String id) {
        return Long.parseLong(id.substring(2));
    }

    /** Waits until the member serves {@code model}, which was just published. */
    public static void awaitServing(HazelcastInstance hazelcast, String model) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ModelHolder.of(hazelcast).serving(model).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("v1 of '" + model + "' was published but is not served after 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Waits until {@code events} events have a prediction or a dead letter, or the timeout passes. */
    public static void awaitScored(HazelcastInstance hazelcast, int events, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ScorerMaps.ReadOnly.predictions(hazelcast).size() + ScorerMaps.ReadOnly.deadLetters(hazelcast).size() < events
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
