package dev.hatchery.scorer.online;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import dev.hatchery.scorer.ScorerMaps;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * One model's outcomes in one total order: a Hazelcast Ringbuffer named
 * {@code outcome_log.<model>} ({@link ScorerMaps#outcomeLogName}), with one synchronous backup
 * and a fixed capacity, configured by {@link ScorerMaps#configureOutcomeLog}. The feedback job
 * appends; every member's {@link Replica} reads it from its own sequence and learns in that
 * order. When full, an append overwrites the oldest entry ({@link OverflowPolicy#OVERWRITE}):
 * appends never wait for readers, and a reader that falls behind the oldest entry is told so
 * ({@link LogRead.Behind}), never handed a gap.
 *
 * <p>Sequences start at 0 and grow by one per entry; the log keeps the newest
 * {@link #capacity()} of them, from {@link #headSequence()} to {@link #tailSequence()}.
 * A handle is cheap and may be made per call; it holds no state of its own.
 */
public final class OutcomeLog {

    /** The most entries one Ringbuffer call takes or returns (Hazelcast refuses more). */
    public static final int MAX_BATCH = 1_000;
    private static final Executor NEXT_PART = ForkJoinPool.commonPool();

    private final String model;
    private final Ringbuffer<LoggedOutcome> ring;
    private final int batchLimit;

    private OutcomeLog(String model, Ringbuffer<LoggedOutcome> ring) {
        this.model = model;
        this.ring = ring;
        this.batchLimit = (int) Math.min(MAX_BATCH, ring.capacity());
    }

    /** The log of {@code model}, on a member or a client. */
    public static OutcomeLog of(HazelcastInstance hazelcast, String model) {
        return new OutcomeLog(model, hazelcast.getRingbuffer(ScorerMaps.outcomeLogName(model)));
    }

    public String model() {
        return model;
    }

    /** How many entries the log keeps: the newest, once it has been filled. */
    public long capacity() {
        return ring.capacity();
    }

    /** The sequence of the oldest entry kept; equal to {@code tailSequence() + 1} while the log is empty. */
    public long headSequence() {
        return ring.headSequence();
    }

    /** The sequence of the newest entry; -1 before the first. */
    public long tailSequence() {
        return ring.tailSequence();
    }

    /**
     * Appends one outcome and returns its sequence.
     *
     * @throws IllegalArgumentException with {@link LoggedOutcome#problem}, if the outcome is
     *                                  refused; nothing is written
     */
    public long append(LoggedOutcome outcome) {
        return appendAsync(outcome).toCompletableFuture().join();
    }

    /** {@link #append} without waiting; the check is made at once, before anything is sent. */
    public CompletionStage<Long> appendAsync(LoggedOutcome outcome) {
        check(outcome, -1);
        return ring.addAsync(outcome, OverflowPolicy.OVERWRITE);
    }

    /**
     * Appends the outcomes in their order, as consecutive entries when no other producer appends
     * meanwhile, and completes with the sequence of the last one (-1 for none). For the feedback
     * job's sink: a batch of any size, written {@value #MAX_BATCH} at a time (or the capacity, if
     * less), each part after the one before has been taken. Every outcome is checked before the first is sent.
     *
     * <p>Not atomic: when a part fails, the parts before it are in the log. A retry of the whole
     * batch appends those again, and replicas skip them as duplicates (see {@link Replica}).
     *
     * @throws IllegalArgumentException naming the first refused outcome and its index; nothing is written
     */
    public CompletionStage<Long> appendAllAsync(List<LoggedOutcome> outcomes) {
        for (int i = 0; i < outcomes.size(); i++) {
            check(outcomes.get(i), i);
        }
        CompletionStage<Long> chain = CompletableFuture.completedFuture(-1L);
        for (int from = 0; from < outcomes.size(); from += batchLimit) {
            List<LoggedOutcome> part = List.copyOf(outcomes.subList(from, Math.min(outcomes.size(), from + batchLimit)));
            // The next part is sent off Hazelcast's response thread, which may make no remote call.
            chain = chain.thenComposeAsync(last -> added(part), NEXT_PART);
        }
        return chain;
    }

    /**
     * One part appended, as a plain future: a Hazelcast future handed to {@code thenCompose} is
     * read raw and completes the chain with the response packet (measured: ClassCastException).
     */
    private CompletableFuture<Long> added(List<LoggedOutcome> part) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        ring.addAllAsync(part, OverflowPolicy.OVERWRITE).whenComplete((last, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(last);
            }
        });
        return done;
    }

    /**
     * The entries from sequence {@code from} on, at most {@code maxCount} of them (and at most
     * {@value #MAX_BATCH}, or the capacity); completes as soon as there is at least one, so that a
     * reader at the tail wakes when the next entry arrives. Entries {@code from} no longer holds
     * are reported as {@link LogRead.Behind}. A read from beyond {@code tailSequence() + 1}
     * completes, with {@link LogRead.Ahead}, only when the next entry arrives: check the tail
     * first when the position comes from elsewhere (a checkpoint).
     */
    public CompletionStage<LogRead> readAsync(long from, int maxCount) {
        if (from < 0 || maxCount < 1) {
            throw new IllegalArgumentException("read of " + model + "'s outcome log from sequence " + from + ", at most "
                    + maxCount + ": the sequence must be 0 or more and the count 1 or more");
        }
        return ring.readManyAsync(from, 1, Math.min(maxCount, batchLimit), null)
                .thenApply(result -> readOf(from, result));
    }

    /**
     * The entries from {@code from} (inclusive) to {@code to} (exclusive), read now, or that the
     * log no longer holds the first ({@link LogRead.Behind}) or has not yet written the last
     * ({@link LogRead.Ahead}). For a replica that starts from a checkpoint and needs the entries
     * just before it.
     */
    public LogRead read(long from, long to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("read of " + model + "'s outcome log from " + from + " to " + to
                    + ": the range must start at 0 or more and not end before it starts");
        }
        long tail = tailSequence();
        if (to > tail + 1) {
            return new LogRead.Ahead(to - 1, tail);
        }
        List<LoggedOutcome> outcomes = new ArrayList<>((int) Math.min(to - from, 100_000));
        for (long next = from; next < to; ) {
            int count = (int) Math.min(batchLimit, to - next);
            ReadResultSet<LoggedOutcome> result = ring.readManyAsync(next, count, count, null)
                    .toCompletableFuture().join();
            LogRead read = readOf(next, result);
            if (!(read instanceof LogRead.Entries entries)) {
                return read instanceof LogRead.Behind behind ? new LogRead.Behind(from, behind.head()) : read;
            }
            outcomes.addAll(entries.outcomes());
            next = entries.next();
        }
        return new LogRead.Entries(from, outcomes);
    }

    /** Hazelcast moves a read from outside the log to its nearest end, silently: said here. */
    private static LogRead readOf(long from, ReadResultSet<LoggedOutcome> result) {
        if (result.size() == 0) {
            return new LogRead.Entries(from, List.of());
        }
        long first = result.getSequence(0);
        if (first > from) {
            return new LogRead.Behind(from, first);
        }
        if (first < from) {
            return new LogRead.Ahead(from, first - 1);
        }
        List<LoggedOutcome> outcomes = new ArrayList<>(result.size());
        for (LoggedOutcome outcome : result) {
            outcomes.add(outcome);
        }
        return new LogRead.Entries(from, outcomes);
    }

    private void check(LoggedOutcome outcome, int index) {
        String problem = LoggedOutcome.problem(outcome);
        if (problem != null) {
            throw new IllegalArgumentException(model + "'s outcome log refuses " + (index < 0 ? "" : "outcome #" + index
                    + " of the batch, and so the batch: ") + problem);
        }
    }
}
