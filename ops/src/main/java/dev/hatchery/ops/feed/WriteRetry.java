package dev.hatchery.ops.feed;

import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * How a feed's writes ride out the loss of a member: a write the cluster did not take (the
 * connection it went out on was cut, a member left or did not answer in time, the client is
 * reconnecting) is done again, unchanged, after a pause that doubles from 100 ms to 1 s, until it
 * goes through or {@code patience} has passed since it first failed; a client that gave up on the
 * cluster ends it at once. Either way a {@link WriteFailure} says so. Safe only for writes that may
 * land twice, such as puts of the very same entries. Not thread-safe: one producer thread.
 */
public final class WriteRetry {

    /** A failed write fails at once: for a feed on an embedded member, which cannot lose its cluster. */
    public static final WriteRetry NEVER = new WriteRetry(Duration.ZERO);

    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(100).toNanos();
    private static final long LONGEST_PAUSE_NANOS = Duration.ofSeconds(1).toNanos();

    private final Duration patience;
    private long retried;

    public WriteRetry(Duration patience) {
        if (patience.isNegative()) {
            throw new IllegalArgumentException("a write retry's patience must be 0 or more, got " + patience);
        }
        this.patience = patience;
    }

    /** Does the write, again while the cluster did not take it and patience lasts. */
    public void run(Runnable write) {
        long firstFailedNanos = 0;
        long pauseNanos = FIRST_PAUSE_NANOS;
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                if (patience.isZero() || !isClusterFailure(e)) {
                    throw e;
                }
                long now = System.nanoTime();
                if (attempt == 1) {
                    firstFailedNanos = now;
                    retried++;
                }
                long leftNanos = firstFailedNanos + patience.toNanos() - now;
                if (clientGaveUp(e) || leftNanos <= 0 || Thread.currentThread().isInterrupted()) {
                    throw new WriteFailure(attempt, e);
                }
                LockSupport.parkNanos(Math.min(pauseNanos, leftNanos));
                pauseNanos = Math.min(2 * pauseNanos, LONGEST_PAUSE_NANOS);
            }
        }
    }

    /** Writes that failed at least once, whether a later attempt took or not. */
    public long retried() {
        return retried;
    }

    /**
     * Whether the failure is the cluster's, not the write's: a cut or refused connection, a member
     * leaving or shutting down, an answer that did not come in time, a client reconnecting or one
     * that gave up (no use asking again, but a failure to report as the cluster's all the same).
     */
    public static boolean isClusterFailure(Throwable failure) {
        for (@Nullable Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // It wraps the IOException of a stream that could not write the value: the write's fault.
            if (cause instanceof HazelcastSerializationException) {
                return false;
            }
            if (cause instanceof TargetDisconnectedException || cause instanceof RetryableException
                    || cause instanceof OperationTimeoutException || cause instanceof HazelcastClientOfflineException
                    || cause instanceof HazelcastClientNotActiveException
                    || cause instanceof HazelcastInstanceNotActiveException || cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The client shut itself down after trying to reconnect for its cluster-connect timeout. */
    private static boolean clientGaveUp(Throwable failure) {
        for (@Nullable Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HazelcastClientNotActiveException) {
                return true;
            }
        }
        return false;
    }
}
