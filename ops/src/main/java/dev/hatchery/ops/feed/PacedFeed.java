package dev.hatchery.ops.feed;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.Label;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.ScorerMaps;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes one model's rows into a cluster: each row as an event, its label once {@code labelDelay}
 * more rows have been written, in batches of {@code batchRows}, paced to {@code rowsPerSecond}.
 * A batch's events are written before its labels, so a label never arrives before its event's
 * batch. A write the cluster did not take is done again as its {@link WriteRetry} says. Not
 * thread-safe: one producer thread.
 */
public final class PacedFeed {

    private final IMap<String, Event> events;
    private final IMap<String, Label> labels;
    private final String model;
    private final int labelDelay;
    private final int batchRows;
    private final double nanosPerRow;
    private final WriteRetry retry;
    private final long startNanos = System.nanoTime();
    private final Map<String, Event> eventBatch = new HashMap<>();
    private final Map<String, Label> labelBatch = new HashMap<>();
    private final Deque<Pending> waiting = new ArrayDeque<>();
    private long written;
    private long eventsWritten;

    private record Pending(String eventId, String label) {
    }

    public PacedFeed(HazelcastInstance hazelcast, String model, int labelDelay, double rowsPerSecond, int batchRows) {
        this(hazelcast, model, labelDelay, rowsPerSecond, batchRows, WriteRetry.NEVER);
    }

    /** As {@link #PacedFeed(HazelcastInstance, String, int, double, int)}, each write done through {@code retry}. */
    public PacedFeed(HazelcastInstance hazelcast, String model, int labelDelay, double rowsPerSecond, int batchRows,
            WriteRetry retry) {
        if (labelDelay < 0 || !(rowsPerSecond > 0) || batchRows < 1) {
            throw new IllegalArgumentException("a feed needs labelDelay ≥ 0, rowsPerSecond > 0 and batchRows ≥ 1, got "
                    + labelDelay + ", " + rowsPerSecond + " and " + batchRows);
        }
        this.events = ScorerMaps.events(hazelcast);
        this.labels = FeedbackMaps.labels(hazelcast);
        this.model = model;
        this.labelDelay = labelDelay;
        this.batchRows = batchRows;
        this.nanosPerRow = 1e9 / rowsPerSecond;
        this.retry = retry;
    }

    /**
     * Adds a row's event, and the label of the row {@code labelDelay} rows back; writes and then
     * waits for the pace when a batch is full.
     *
     * @return whether a batch was written
     */
    public boolean add(String eventId, double[] features, String label) {
        long now = System.currentTimeMillis();
        eventBatch.put(eventId, new Event(eventId, model, features, now));
        waiting.addLast(new Pending(eventId, label));
        while (waiting.size() > labelDelay) {
            Pending due = waiting.removeFirst();
            labelBatch.put(due.eventId(), new Label(due.eventId(), model, due.label(), now));
        }
        written++;
        if (eventBatch.size() < batchRows) {
            return false;
        }
        flush();
        long wait = startNanos + (long) (written * nanosPerRow) - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        return true;
    }

    /** Writes what is batched so far, without waiting for the pace. */
    public void flush() {
        // A batch is let go only once written, so a write done again is the very same entries with
        // the time stamps they got when added: the scoring job skips an event written again
        // unchanged, and a label is keyed by its event.
        if (!eventBatch.isEmpty()) {
            retry.run(() -> events.putAll(eventBatch));
            eventsWritten += eventBatch.size();
            eventBatch.clear();
        }
        if (!labelBatch.isEmpty()) {
            retry.run(() -> labels.putAll(labelBatch));
            labelBatch.clear();
        }
    }

    /** Writes everything left: the last events, then the labels still held back by the delay. */
    public void finish() {
        flush();
        long now = System.currentTimeMillis();
        waiting.forEach(due -> labelBatch.put(due.eventId(), new Label(due.eventId(), model, due.label(), now)));
        waiting.clear();
        flush();
    }

    /** Rows added so far. */
    public long rows() {
        return written;
    }

    /** Rows whose events the cluster has taken: the first {@code rowsWritten()} rows added. */
    public long rowsWritten() {
        return eventsWritten;
    }
}
