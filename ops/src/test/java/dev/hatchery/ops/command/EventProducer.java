package dev.hatchery.ops.command;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.Label;
import dev.hatchery.ops.stream.LabelledRow;
import dev.hatchery.ops.stream.SeaGenerator;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.ScorerMaps;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Streams SEA events of one model into a cluster, 20 every 20 ms (about 1,000 a second), each
 * with its label right after it, on a thread of its own until closed; remembers every event id.
 */
final class EventProducer implements AutoCloseable {

    private final List<String> ids = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    EventProducer(HazelcastInstance hazelcast, String model) {
        IMap<String, Event> events = ScorerMaps.events(hazelcast);
        IMap<String, Label> labels = FeedbackMaps.labels(hazelcast);
        SeaGenerator sea = new SeaGenerator(1, 99, 5, false);
        thread = new Thread(() -> {
            long i = 0;
            while (running) {
                Map<String, Event> eventBatch = new HashMap<>();
                Map<String, Label> labelBatch = new HashMap<>();
                long now = System.currentTimeMillis();
                for (int k = 0; k < 20; k++, i++) {
                    LabelledRow row = sea.next();
                    String id = model + "-" + i;
                    eventBatch.put(id, new Event(id, model, row.features(), now));
                    labelBatch.put(id, new Label(id, model, sea.schema().classes().get(row.label()), now));
                }
                events.putAll(eventBatch);
                labels.putAll(labelBatch);
                ids.addAll(eventBatch.keySet());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }, "event-producer-" + model);
        thread.start();
    }

    /** The ids of the events written so far. */
    List<String> ids() {
        return List.copyOf(ids);
    }

    /** Stops writing and waits for the thread; returns every id written. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
