package dev.hatchery.bench.hotswap;

import java.util.concurrent.TimeUnit;

/** Fails a wait that has stopped moving, rather than letting a benchmark hang. */
final class Progress {

    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String what;
    private final long target;
    private long last = -1;
    private long lastMoveNanos = System.nanoTime();

    Progress(String what, long target) {
        this.what = what;
        this.target = target;
    }

    void check(long done) {
        long now = System.nanoTime();
        if (done != last) {
            last = done;
            lastMoveNanos = now;
        } else if (now - lastMoveNanos > STALL_NANOS) {
            throw new IllegalStateException(what + " stalled at " + done + " of " + target + " for "
                    + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS) + " s");
        }
    }
}
