package dev.hatchery.scorer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * A batch some of whose events wait for their model's version to activate here, kept so that
 * Jet's thread can move on and the batch completes later. Made on the Jet thread that scored the
 * rest; retried under its own lock, on the releaser thread but for a holder closing.
 */
final class WaitingBatch {

    private final BatchScorer scorer;
    private final ActivationWait wait;
    private final List<? extends Map.Entry<String, Event>> entries;
    private final ScoreResult[] results;
    private final long jobId;
    private final long executionId;
    private final CompletableFuture<List<ScoreResult>> future = new CompletableFuture<>();
    /** When its events were first checked (System.nanoTime()). */
    private final long checkedNanos;
    private BatchScorer.Waits waits;
    private @Nullable ScheduledFuture<?> timer;

    WaitingBatch(BatchScorer scorer, ActivationWait wait, List<? extends Map.Entry<String, Event>> entries,
            ScoreResult[] results, long jobId, long executionId, BatchScorer.Waits waits, long checkedNanos) {
        this.scorer = scorer;
        this.wait = wait;
        this.entries = entries;
        this.results = results;
        this.jobId = jobId;
        this.executionId = executionId;
        this.waits = waits;
        this.checkedNanos = checkedNanos;
    }

    /** Completes, on the releaser thread, once no event of the batch waits any more. */
    CompletableFuture<List<ScoreResult>> future() {
        return future;
    }

    /** Scores or dead-letters what of the batch no longer waits; completes it when nothing does. */
    synchronized void retry() {
        if (future.isDone()) {
            return;
        }
        BatchScorer.Waits left = scorer.scoreInto(entries, waits.indices(), results, jobId, executionId, checkedNanos);
        boolean timed = timer != null && !timer.isDone() && left.soonestDeadlineNanos() == waits.soonestDeadlineNanos();
        waits = left;
        if (left.indices().length == 0) {
            wait.settled(this);
            if (timer != null) {
                timer.cancel(false);
            }
            // Jet polls the future from its own thread: completing it costs this thread nothing more.
            future.complete(Arrays.asList(results));
        } else if (!timed) {
            if (timer != null) {
                timer.cancel(false);
            }
            try {
                timer = wait.retryAt(this, left.soonestDeadlineNanos());
            } catch (RejectedExecutionException e) {
                // Closing: the sweep in close() settles the batch.
                timer = null;
            }
        }
    }
}
