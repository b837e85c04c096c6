package dev.hatchery.registry;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;

/**
 * How long to wait for something that only takes longer on a loaded machine (a node's start,
 * jobs taking in a member, a publish reaching every member): a time that is enough on an idle
 * machine, stretched by how far the system load average exceeds the cores (other builds, other
 * tests), at most {@value #MOST_FOLD}-fold so that what never happens still ends the wait. What is
 * waited for is unchanged; only the time allowed grows.
 */
public final class Patience {

    /** The most an idle machine's time is stretched. */
    static final int MOST_FOLD = 4;

    private static final OperatingSystemMXBean SYSTEM = ManagementFactory.getOperatingSystemMXBean();

    private final long started = System.nanoTime();
    private final Duration idle;
    private double fold = 1;

    private Patience(Duration idle) {
        this.idle = idle;
    }

    /** {@code idle}, stretched by the load now: for a wait given its time up front (Awaitility's {@code atMost}). */
    public static Duration of(Duration idle) {
        return stretch(idle, foldNow());
    }

    /**
     * A deadline {@code idle} from now that moves back while the machine is loaded: each {@link
     * #passed} stretches it by the highest load seen since it began.
     */
    public static Patience from(Duration idle) {
        return new Patience(idle);
    }

    /** Whether the time allowed so far has run out. */
    public boolean passed() {
        fold = Math.max(fold, foldNow());
        return System.nanoTime() - started > allowed().toNanos();
    }

    /** The time allowed so far: for the message of a wait that ran out. */
    public Duration allowed() {
        return stretch(idle, fold);
    }

    /** The system load average per core, from 1 to {@link #MOST_FOLD}; 1 where there is no load average. */
    static double foldNow() {
        double load = SYSTEM.getSystemLoadAverage();
        return load < 0 ? 1 : Math.clamp(load / SYSTEM.getAvailableProcessors(), 1, MOST_FOLD);
    }

    private static Duration stretch(Duration idle, double fold) {
        return Duration.ofNanos((long) (idle.toNanos() * fold));
    }
}
