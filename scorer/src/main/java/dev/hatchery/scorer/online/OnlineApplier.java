package dev.hatchery.scorer.online;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.spi.exception.DistributedObjectDestroyedException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of a member, {@code hatchery-online-<member>}, that applies every
 * {@link Replica} it follows to its outcome log; never one of Jet's.
 *
 * <p>Each replica it follows has one read of its log outstanding at a time, from the replica's
 * sequence, that completes as soon as an entry is there; a quiet model costs no thread and no
 * polling. A completed read becomes a task on the thread, which applies the entries (in holds of
 * {@link ApplierSettings#maxHoldMicros}, between which scorers get the lock) and then reads again.
 * A replica with a backlog keeps the thread for {@link ApplierSettings#turnMicros} at most before
 * the models whose reads completed meanwhile get their turn.
 *
 * <p>One thread for every model rather than one per model: a replica applies in order, so one
 * model never uses more than one thread anyway; one thread caps what online learning takes from a
 * member at one core, whatever the number of models, and leaves the rest to Jet's cooperative
 * threads, which score; and models take turns. What it costs: the models' learning together
 * gets one core per member. If they need more, their replicas lag ({@link Replica#lag()}) and
 * still agree: learning is the same whenever it happens.
 *
 * <p>A replica whose log has overwritten its next entry, or whose position is beyond the log's
 * end, is stopped with that status ({@link ReplicaStatus.Behind}, {@link ReplicaStatus.Ahead}),
 * and no longer followed. A read that fails otherwise (a member leaving, a partition migrating)
 * is tried again, after 50 ms, doubling to 5 s.
 */
public final class OnlineApplier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnlineApplier.class);
    private static final String USER_CONTEXT_KEY = "hatchery.onlineApplier";
    private static final long FIRST_RETRY_MILLIS = 50;
    private static final long LAST_RETRY_MILLIS = 5_000;

    private final String member;
    private final ApplierSettings settings;
    private final long maxHoldNanos;
    private final long turnNanos;
    private final ScheduledThreadPoolExecutor thread;
    private final Map<Replica, Following> following = new ConcurrentHashMap<>();
    private volatile boolean closed;

    OnlineApplier(String member, ApplierSettings settings) {
        this.member = member;
        this.settings = settings;
        this.maxHoldNanos = TimeUnit.MICROSECONDS.toNanos(settings.maxHoldMicros());
        this.turnNanos = TimeUnit.MICROSECONDS.toNanos(settings.turnMicros());
        this.thread = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("hatchery-online-" + member)
                .factory(), (task, pool) -> {
                    // Closed: reads completing after it have nothing to do.
                });
        this.thread.setRemoveOnCancelPolicy(true);
    }

    /**
     * The applier of this member, with the default settings, created on first use and closed when
     * the member shuts down. Members in one JVM each get their own.
     */
    public static OnlineApplier of(HazelcastInstance hazelcast) {
        return (OnlineApplier) hazelcast.getUserContext().computeIfAbsent(USER_CONTEXT_KEY, key -> {
            OnlineApplier applier = start(hazelcast.getName(), ApplierSettings.DEFAULTS);
            hazelcast.getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == LifecycleState.SHUTTING_DOWN) {
                    applier.close();
                }
            });
            return applier;
        });
    }

    /** An applier of its own, for {@code member}: its thread is named after it. Close it when done. */
    public static OnlineApplier start(String member, ApplierSettings settings) {
        return new OnlineApplier(member, settings);
    }

    public ApplierSettings settings() {
        return settings;
    }

    /**
     * Starts applying the replica's log to it, from its sequence. A replica is followed by one
     * applier at a time; following it again changes nothing.
     *
     * @throws IllegalStateException if this applier is closed
     */
    public void follow(Replica replica) {
        if (closed) {
            throw new IllegalStateException("member " + member + "'s online applier is closed");
        }
        Following follow = new Following(replica);
        if (following.putIfAbsent(replica, follow) == null) {
            execute(() -> begin(follow));
        }
    }

    /** Stops applying to the replica (after the batch under way); it keeps its state and can be followed again. */
    public void unfollow(Replica replica) {
        Following follow = following.remove(replica);
        if (follow != null) {
            follow.active = false;
        }
    }

    /** Whether the replica is followed: it is, until unfollowed, closed or stopped. */
    public boolean follows(Replica replica) {
        return following.containsKey(replica);
    }

    /** Stops following every replica and ends the thread; the replicas keep their state. */
    @Override
    public void close() {
        closed = true;
        following.values().forEach(follow -> follow.active = false);
        following.clear();
        thread.shutdownNow();
    }

    /** A replica followed, until it is not. */
    private static final class Following {
        final Replica replica;
        volatile boolean active = true;
        long retryMillis = FIRST_RETRY_MILLIS;

        Following(Replica replica) {
            this.replica = replica;
        }
    }

    private void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closing) {
            // Closed meanwhile.
        }
    }

    /** On the thread: a position from elsewhere (a checkpoint) is checked against the log's end first. */
    private void begin(Following follow) {
        if (!live(follow)) {
            return;
        }
        long tail;
        try {
            tail = follow.replica.log().tailSequence();
        } catch (RuntimeException e) {
            retry(follow, e, () -> begin(follow));
            return;
        }
        long at = follow.replica.sequence();
        if (at > tail + 1) {
            stop(follow, new ReplicaStatus.Ahead(at, tail));
            return;
        }
        read(follow);
    }

    private void read(Following follow) {
        if (!live(follow)) {
            return;
        }
        try {
            follow.replica.log().readAsync(follow.replica.sequence(), settings.readBatch())
                    .whenCompleteAsync((read, error) -> arrived(follow, read, error), thread);
        } catch (RuntimeException e) {
            retry(follow, e, () -> read(follow));
        }
    }

    private void arrived(Following follow, LogRead read, Throwable error) {
        if (!live(follow)) {
            return;
        }
        if (error != null) {
            retry(follow, error, () -> read(follow));
            return;
        }
        follow.retryMillis = FIRST_RETRY_MILLIS;
        switch (read) {
            case LogRead.Entries entries -> apply(follow, entries, 0);
            case LogRead.Behind behind -> stop(follow, new ReplicaStatus.Behind(behind.requested(), behind.head()));
            case LogRead.Ahead ahead -> stop(follow, new ReplicaStatus.Ahead(ahead.requested(), ahead.tail()));
        }
    }

    /** Applies the entries from {@code offset} on, for one turn; reads on when they are all applied. */
    private void apply(Following follow, LogRead.Entries entries, int offset) {
        long turn = System.nanoTime();
        int next = offset;
        while (next < entries.outcomes().size()) {
            if (!live(follow)) {
                return;
            }
            next = follow.replica.apply(entries.outcomes(), entries.from(), next, maxHoldNanos);
            if (next < 0) {
                // Stopped (its status says why), or moved by another hand: read from where it is.
                if (follow.replica.applying()) {
                    read(follow);
                } else {
                    following.remove(follow.replica, follow);
                }
                return;
            }
            if (next < entries.outcomes().size() && System.nanoTime() - turn >= turnNanos) {
                int from = next;
                execute(() -> apply(follow, entries, from));
                return;
            }
        }
        read(follow);
    }

    private boolean live(Following follow) {
        if (!follow.active || closed) {
            return false;
        }
        if (!follow.replica.applying()) {
            following.remove(follow.replica, follow);
            return false;
        }
        return true;
    }

    private void stop(Following follow, ReplicaStatus why) {
        follow.replica.stop(why);
        following.remove(follow.replica, follow);
    }

    private void retry(Following follow, Throwable error, Runnable again) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (closed || cause instanceof HazelcastInstanceNotActiveException
                || cause instanceof DistributedObjectDestroyedException) {
            // The member is going, or the log with it: nothing to follow any more.
            LOG.debug("member {} stops following {}'s outcome log: {}", member, follow.replica.model(), cause.toString());
            following.remove(follow.replica, follow);
            return;
        }
        long wait = follow.retryMillis;
        follow.retryMillis = Math.min(LAST_RETRY_MILLIS, wait * 2);
        LOG.warn("member {} failed to read {}'s outcome log at sequence {}; trying again in {} ms: {}", member,
                follow.replica.model(), follow.replica.sequence(), wait, cause.toString());
        try {
            thread.schedule(again, wait, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // Closed meanwhile.
        }
    }
}
