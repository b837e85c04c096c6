package dev.hatchery.scorer.online;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule every replica skips duplicates by: the entry at sequence q is a duplicate if its
 * event id occurs among the {@code size} entries before it (q − size … q − 1), whatever became
 * of those (learnt, refused, or skipped themselves). It depends on the log's content alone, so
 * replicas skip the same entries whenever they read them and wherever they started, provided
 * one that starts at sequence s knows the ids of the entries before s: it is given them
 * ({@link #DedupWindow(int, List)}), from a checkpoint or from the log.
 *
 * <p>The ids in a ring, and how often each occurs in it in a map: one lookup per entry. Not
 * thread-safe: its replica's lock guards it.
 */
final class DedupWindow {

    private final int size;
    private final String[] ring;
    /** The ring's next slot to write: after {@code count} ids, the oldest is at {@code start}. */
    private int start;
    private int count;
    private final Map<String, Integer> occurrences;

    /** A window of {@code size} entries that has seen none: a replica starting at sequence 0. */
    DedupWindow(int size) {
        this(size, List.of());
    }

    /**
     * A window of {@code size} entries whose last entries had the event ids {@code recent}, the
     * oldest first; only the newest {@code size} of them count.
     */
    DedupWindow(int size, List<String> recent) {
        if (size < 0) {
            throw new IllegalArgumentException("a deduplication window of " + size + " entries: it must be 0 or more");
        }
        this.size = size;
        this.ring = new String[size];
        this.occurrences = new HashMap<>(Math.min(size, recent.size()) * 2);
        for (String id : recent.subList(Math.max(0, recent.size() - size), recent.size())) {
            record(id);
        }
    }

    int size() {
        return size;
    }

    /** Whether the id occurs among the window's entries; then the entry joins the window, duplicate or not. */
    boolean seenThenRecord(String eventId) {
        boolean seen = occurrences.containsKey(eventId);
        record(eventId);
        return seen;
    }

    /** The event ids of the window's entries, the oldest first. */
    List<String> recent() {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(ring[(start + i) % size]);
        }
        return ids;
    }

    private void record(String eventId) {
        if (size == 0) {
            return;
        }
        if (count == size) {
            String oldest = ring[start];
            occurrences.computeIfPresent(oldest, (id, n) -> n == 1 ? null : n - 1);
            ring[start] = eventId;
            start = (start + 1) % size;
        } else {
            ring[(start + count) % size] = eventId;
            count++;
        }
        occurrences.merge(eventId, 1, Integer::sum);
    }
}
