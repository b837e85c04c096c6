package dev.hatchery.ops.feed;

/**
 * A write the cluster did not take however often it was tried (see {@link WriteRetry}); its
 * cause is the last attempt's failure.
 */
public final class WriteFailure extends RuntimeException {

    private final int attempts;

    WriteFailure(int attempts, Throwable lastFailure) {
        super("the cluster did not take a write in " + attempts + " attempt(s): " + lastFailure, lastFailure);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
