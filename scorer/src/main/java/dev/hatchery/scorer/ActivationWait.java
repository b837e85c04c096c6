package dev.hatchery.scorer;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events waiting for their model's deployed version to come into service on this member: how
 * long each deployment may keep them waiting, and a thread of its own to score them once it does,
 * so that neither Jet's threads nor Hazelcast's event threads ever block on a load.
 */
final class ActivationWait {

    private static final Logger LOG = LoggerFactory.getLogger(ActivationWait.class);

    private final String member;
    /** Per model, the deployment whose activation its events wait for here, and until when. */
    private final Map<String, Awaited> awaited = new ConcurrentHashMap<>();
    /** Batches with events waiting for their model's version to activate here. */
    private final Set<WaitingBatch> waiting = ConcurrentHashMap.newKeySet();
    /** Scores waiting events once their version activates: never on Jet's or Hazelcast's event threads. */
    private final ScheduledThreadPoolExecutor releaser;
    private volatile boolean closing;

    private record Awaited(long epoch, long deadlineNanos) {
    }

    ActivationWait(String member) {
        this.member = member;
        this.releaser = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "hatchery-activation-waits-" + member);
            thread.setDaemon(true);
            return thread;
        });
        // A batch released early drops its deadline, and a closed holder drops every deadline.
        releaser.setRemoveOnCancelPolicy(true);
        releaser.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Until when (System.nanoTime()) the events of {@code model} wait for the version of its
     * deployment {@code epoch}: counted from the first event that waits for that deployment, so
     * the later ones go to the dead letters at once once it has passed.
     */
    long deadlineNanos(String model, long epoch) {
        return awaited.compute(model, (m, earlier) -> earlier != null && earlier.epoch() == epoch
                ? earlier
                : new Awaited(epoch, System.nanoTime()
                        + TimeUnit.MILLISECONDS.toNanos(ModelHolder.ACTIVATION_WAIT_MILLIS)))
                .deadlineNanos();
    }

    /** A version of {@code model} came into service here: its events are scored, and the next deployment waits afresh. */
    void activated(String model) {
        awaited.remove(model);
        release();
    }

    /** Retries every waiting batch: a version activated or was refused, or the holder closes. Any thread. */
    void release() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            releaser.execute(() -> waiting.forEach(WaitingBatch::retry));
        } catch (RejectedExecutionException e) {
            LOG.debug("{} closed: its waiting events were already sent to the dead letters", member);
        }
    }

    /** Makes {@code batch} wait for its versions, and retries it at once: one may have activated since its check. */
    void hold(WaitingBatch batch) {
        waiting.add(batch);
        try {
            // The version may have activated since the check, before the batch was there to release.
            releaser.execute(batch::retry);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: nothing will activate, so the batch is settled here and now.
            batch.retry();
        }
    }

    /**
     * Retries {@code batch} at {@code deadlineNanos} (System.nanoTime()), when its soonest event stops waiting.
     *
     * @throws RejectedExecutionException once the holder closes
     */
    ScheduledFuture<?> retryAt(WaitingBatch batch, long deadlineNanos) {
        return releaser.schedule(batch::retry, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** {@code batch} waits no more: every event of it is scored or dead-lettered. */
    void settled(WaitingBatch batch) {
        waiting.remove(batch);
    }

    /**
     * Runs {@code task} on the releaser thread, never Jet's nor Hazelcast's.
     *
     * @throws RejectedExecutionException once the holder closes
     */
    void execute(Runnable task) {
        releaser.execute(task);
    }

    /** Whether the holder is closing: nothing will activate any more, so no event waits. */
    boolean closing() {
        return closing;
    }

    /** The holder begins to close: from now on no event waits. */
    void stopWaiting() {
        closing = true;
    }

    /** Sends what waits to the dead letters now, not at its deadline, and ends the releaser thread. */
    void close() {
        release();
        releaser.shutdown();
    }
}
