package dev.hatchery.ops.command;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress bar redrawn in place with {@code \r}, at most every 200 ms, on the error stream. */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long EVERY_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String what;
    private final long total;
    private final long startedNanos = System.nanoTime();
    private long lastDrawnNanos;

    ProgressBar(PrintWriter err, String what, long total) {
        this.err = err;
        this.what = what;
        this.total = Math.max(1, total);
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastDrawnNanos >= EVERY_NANOS) {
            draw(done, now);
        }
    }

    void finish(long done) {
        draw(done, System.nanoTime());
        err.println();
        err.flush();
    }

    private void draw(long done, long now) {
        lastDrawnNanos = now;
        double share = Math.min(1, (double) done / total);
        int filled = (int) Math.round(share * WIDTH);
        double seconds = (now - startedNanos) / 1e9;
        err.printf(Locale.ROOT, "\r%s [%s%s] %,d/%,d rows %3.0f%% %,.0f/s", what, "#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, share * 100, seconds > 0 ? done / seconds : 0.0);
        err.flush();
    }
}
