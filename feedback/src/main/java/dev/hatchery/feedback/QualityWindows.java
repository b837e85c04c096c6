package dev.hatchery.feedback;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The event-time windows quality is computed over, per model version. A window's row is
 * updated as late labels for its events arrive, until the label horizon has passed.
 *
 * @param tumblingMillis size of the tumbling windows (0: none)
 * @param slidingMillis  size of the sliding windows (0: none)
 * @param slideMillis    how far apart sliding windows start; divides {@code slidingMillis}
 */
public record QualityWindows(long tumblingMillis, long slidingMillis, long slideMillis) implements Serializable {

    public static final QualityWindows DEFAULTS = new QualityWindows(60_000, 300_000, 60_000);

    /** Sliding windows per event are capped: each is a row written per flush. */
    static final long MAX_WINDOWS_PER_EVENT = 60;

    public QualityWindows {
        List<String> problems = new ArrayList<>();
        if (tumblingMillis < 0) {
            problems.add("tumblingMillis must be 0 (none) or more, got " + tumblingMillis);
        }
        if (slidingMillis < 0) {
            problems.add("slidingMillis must be 0 (none) or more, got " + slidingMillis);
        }
        if (slidingMillis > 0 && (slideMillis < 1 || slidingMillis % slideMillis != 0)) {
            problems.add("slideMillis must divide slidingMillis (" + slidingMillis + "), got " + slideMillis);
        } else if (slidingMillis > 0 && slidingMillis / slideMillis > MAX_WINDOWS_PER_EVENT) {
            problems.add("slidingMillis / slideMillis must be at most " + MAX_WINDOWS_PER_EVENT + ", got "
                    + slidingMillis / slideMillis);
        }
        if (tumblingMillis == 0 && slidingMillis == 0) {
            problems.add("at least one of tumblingMillis and slidingMillis must be above 0");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid quality windows: " + String.join("; ", problems));
        }
    }

    /** A window an event falls into: kind, size and end (exclusive), in event time. */
    record Window(String kind, long sizeMillis, long endMillis) implements Serializable {
    }

    /** Every window the event time falls into. */
    List<Window> of(long eventTimeMillis) {
        List<Window> windows = new ArrayList<>();
        if (tumblingMillis > 0) {
            windows.add(new Window("tumbling", tumblingMillis,
                    Math.floorDiv(eventTimeMillis, tumblingMillis) * tumblingMillis + tumblingMillis));
        }
        if (slidingMillis > 0) {
            long firstEnd = Math.floorDiv(eventTimeMillis, slideMillis) * slideMillis + slideMillis;
            for (long end = firstEnd; end - slidingMillis <= eventTimeMillis; end += slideMillis) {
                windows.add(new Window("sliding", slidingMillis, end));
            }
        }
        return windows;
    }
}
