package dev.hatchery.bench.hotswap;

import com.hazelcast.map.IMap;
import dev.hatchery.scorer.Event;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Events written by one thread as fast as the cluster takes them, in batches, until stopped;
 * ids are {@code prefix} and a running number. A batch cut off by a member's death is written
 * again: keyed puts of the same events are idempotent, and the scoring job skips an event
 * written again unchanged.
 */
record EventStream(AtomicBoolean running, AtomicInteger count, CompletableFuture<Void> done) {

    private static final int BATCH = 500;
    private static final int ATTEMPTS = 10;

    static EventStream start(IMap<String, Event> events, String model, String prefix) {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger count = new AtomicInteger();
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            double[][] rows = BenchModels.events(10_000, prefix.hashCode());
            Map<String, Event> batch = new HashMap<>();
            while (running.get()) {
                int from = count.get();
                for (int i = from; i < from + BATCH; i++) {
                    batch.put(prefix + i, new Event(prefix + i, model, rows[i % rows.length], i));
                }
                putAll(events, batch);
                count.addAndGet(batch.size());
                batch.clear();
            }
        });
        return new EventStream(running, count, done);
    }

    private static void putAll(IMap<String, Event> events, Map<String, Event> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                events.putAll(batch);
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    void stop() {
        running.set(false);
        done.join();
    }

    int produced() {
        return count.get();
    }
}
