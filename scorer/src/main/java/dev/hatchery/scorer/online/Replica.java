package dev.hatchery.scorer.online;

import dev.hatchery.registry.ModelCodec;
import dev.hatchery.registry.online.LearnerSpec;
import dev.hatchery.registry.online.OnlineLearner;
import dev.hatchery.registry.online.OnlinePrediction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model's {@link OnlineLearner} on one member, and the point of the model's
 * {@link OutcomeLog} it has applied up to. Every member keeps one per online model and applies
 * the same log in the same order, so that all are identical at the same sequence; each scores
 * its own member's events.
 *
 * <p><b>What it applies.</b> Each entry, in order: skipped if its event id occurs among the
 * {@link #DEFAULT_DEDUP_WINDOW N} entries before it in the log (a Jet restart or a producer's
 * retry appends an outcome again; see {@link DedupWindow}: the rule depends on the log alone);
 * else learnt; an outcome the learner refuses ({@link IllegalArgumentException}: the wrong
 * width, a class beyond its capacity) is skipped and recorded ({@link #onRefused},
 * {@link ReplicaProgress#lastRefused}). Every replica decides both the same way, so skipping keeps
 * them identical. A replica that starts from a {@link ReplicaSnapshot} at sequence s is given the ids
 * of the N entries before s with it, so it skips what the others skip: checkpoints carry
 * them ({@link #checkpoint()}), and {@link #fromBytes} reads them from the log instead while the
 * log still holds them.
 *
 * <p><b>Hand-over.</b> MOA's learners must not predict while they learn. One lock per replica,
 * fair, so that neither side waits behind the other's next turn: a member's
 * {@link OnlineApplier} takes it per batch of entries and lets go after
 * {@link ApplierSettings#maxHoldMicros} (plus one outcome's learning); a scorer takes it per
 * batch of rows. A scorer never sees a half-applied entry, and waits at most one such hold.
 * {@link #lockTimes()} says how long they were.
 *
 * <p>Applying happens on the applier's thread only, never on the caller's; scoring on any thread.
 */
public final class Replica {

    /** Entries the deduplication looks back over, unless the model says otherwise. */
    public static final int DEFAULT_DEDUP_WINDOW = 10_000;
    /** The largest window: its ids are kept in memory and in every checkpoint. */
    public static final int MAX_DEDUP_WINDOW = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

    private final OutcomeLog log;
    private final String model;
    private final int features;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final List<Consumer<RefusedOutcome>> refusedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ReplicaProgress>> appliedListeners = new CopyOnWriteArrayList<>();

    // Guarded by the lock.
    private final OnlineLearner learner;
    private final DedupWindow window;
    private final List<Point> points = new ArrayList<>();
    private final HoldHistogram applierHolds = new HoldHistogram();
    private final HoldHistogram scorerHolds = new HoldHistogram();
    private final HoldHistogram scorerWaits = new HoldHistogram();
    private long sequence;
    /** Where this replica started: its counts of outcomes tested are since then. */
    private final long startSequence;
    private long tested;
    private long testedCorrect;
    private long duplicates;
    private long refused;
    private @Nullable RefusedOutcome lastRefused;
    private ReplicaStatus status = ReplicaStatus.APPLYING;

    /** Written under the lock, read without it. */
    private volatile ReplicaProgress progress;

    private Replica(OutcomeLog log, OnlineLearner learner, DedupWindow window, long sequence) {
        this.log = log;
        this.model = log.model();
        this.learner = learner;
        this.features = learner.features();
        this.window = window;
        this.sequence = sequence;
        this.startSequence = sequence;
        this.progress = snapshot();
    }

    /** A replica that has learnt nothing and applies the log from its first entry, sequence 0. */
    public static Replica fromEmpty(OutcomeLog log, LearnerSpec spec, int features, int dedupWindow) {
        return new Replica(log, OnlineLearner.create(spec, features), window(dedupWindow, List.of()), 0);
    }

    /**
     * A replica in the checkpoint's state, applying the log from the checkpoint's sequence on.
     *
     * @throws IllegalArgumentException if the checkpoint is of another model, or its learner's
     *                                  bytes are corrupt
     */
    public static Replica fromCheckpoint(OutcomeLog log, ReplicaSnapshot checkpoint) {
        if (!checkpoint.model().equals(log.model())) {
            throw new IllegalArgumentException("a checkpoint of '" + checkpoint.model() + "' cannot follow the outcome"
                    + " log of '" + log.model() + "'");
        }
        return new Replica(log, OnlineLearner.fromBytes(checkpoint.learner()),
                window(checkpoint.dedupWindow(), checkpoint.recentEventIds()), checkpoint.sequence());
    }

    /**
     * A replica of the learner whose bytes these are, at {@code sequence}, with the ids of the
     * {@code dedupWindow} entries before it read from the log now.
     *
     * @throws IllegalStateException if the log no longer holds those entries (start from a
     *                               {@link ReplicaSnapshot}, which carries them), or has not reached {@code sequence}
     */
    public static Replica fromBytes(OutcomeLog log, byte[] learner, long sequence, int dedupWindow) {
        return fromLearner(log, OnlineLearner.fromBytes(learner), sequence, dedupWindow);
    }

    /**
     * A replica of {@code learner}, which it takes over (no one else may use it), at
     * {@code sequence}, as {@link #fromBytes}.
     */
    public static Replica fromLearner(OutcomeLog log, OnlineLearner learner, long sequence, int dedupWindow) {
        window(dedupWindow, List.of());
        long from = Math.max(0, sequence - dedupWindow);
        List<String> recent = switch (log.read(from, sequence)) {
            case LogRead.Entries entries -> entries.outcomes().stream().map(LoggedOutcome::eventId).toList();
            case LogRead.Behind behind -> throw new IllegalStateException("'" + log.model() + "' at sequence "
                    + sequence + " needs the event ids of the log's entries from " + from + " on, and the log has"
                    + " overwritten them (its oldest is " + behind.head() + "): start from a ReplicaSnapshot, which"
                    + " carries them, or give the log a capacity above the deduplication window plus the checkpoints' age");
            case LogRead.Ahead ahead -> throw new IllegalStateException("'" + log.model() + "' at sequence " + sequence
                    + ": the log's newest entry is " + ahead.tail() + ", so the bytes belong to another log");
        };
        return new Replica(log, learner, window(dedupWindow, recent), sequence);
    }

    private static DedupWindow window(int size, List<String> recent) {
        if (size < 0 || size > MAX_DEDUP_WINDOW) {
            throw new IllegalArgumentException("a deduplication window of " + size + " entries: use 0 (none) to "
                    + MAX_DEDUP_WINDOW + ", " + DEFAULT_DEDUP_WINDOW + " by default");
        }
        return new DedupWindow(size, recent);
    }

    public String model() {
        return model;
    }

    public OutcomeLog log() {
        return log;
    }

    /** How many values a row has. */
    public int features() {
        return features;
    }

    /** As of the last batch of entries applied; never waits. */
    public ReplicaProgress progress() {
        return progress;
    }

    /** How many outcomes the learner has learnt. */
    public long revision() {
        return progress.revision();
    }

    /** The next log entry to apply. */
    public long sequence() {
        return progress.sequence();
    }

    /** The last log entry applied or skipped; -1 before the first. */
    public long appliedSequence() {
        return progress.appliedSequence();
    }

    /** How many entries the log holds that this replica has not applied yet: asks the log. */
    public long lag() {
        return Math.max(0, log.tailSequence() + 1 - progress.sequence());
    }

    /** Called on the applier's thread for every outcome the learner refuses, after the batch it was in. */
    public void onRefused(Consumer<RefusedOutcome> listener) {
        refusedListeners.add(listener);
    }

    /**
     * Called on the applier's thread after every batch of entries, with the progress after it, and
     * once more when the replica stops (on the thread that stops it).
     */
    public void onApplied(Consumer<ReplicaProgress> listener) {
        appliedListeners.add(listener);
    }

    /**
     * The answer for each row, all made in the same state, with that state's revision and sequence.
     *
     * @throws IllegalArgumentException if a row has the wrong width or a value that is not finite
     *                                  (checked before the lock is taken; nothing is scored)
     * @throws IllegalStateException    if the replica has {@link ReplicaStatus.Failed failed}
     */
    public List<OnlineScore> scoreAll(double[][] rows) {
        for (int r = 0; r < rows.length; r++) {
            String problem = rowProblem(rows[r]);
            if (problem != null) {
                throw new IllegalArgumentException("row " + r + " for '" + model + "': " + problem);
            }
        }
        OnlinePrediction[] predictions = new OnlinePrediction[rows.length];
        long revision;
        long at;
        long asked = System.nanoTime();
        lock.lock();
        long got = System.nanoTime();
        try {
            if (status instanceof ReplicaStatus.Failed failed) {
                throw new IllegalStateException("'" + model + "''s replica failed on entry " + failed.sequence()
                        + " (event '" + failed.eventId() + "'): " + failed.reason()
                        + "; it answers no more: start a new one from a checkpoint");
            }
            for (int r = 0; r < rows.length; r++) {
                predictions[r] = learner.predict(rows[r]);
            }
            revision = learner.revision();
            at = sequence;
            scorerWaits.record(got - asked);
            scorerHolds.record(System.nanoTime() - got);
        } finally {
            lock.unlock();
        }
        List<OnlineScore> scores = new ArrayList<>(rows.length);
        for (OnlinePrediction prediction : predictions) {
            scores.add(new OnlineScore(prediction, revision, at));
        }
        return scores;
    }

    /** {@link #scoreAll} of one row. */
    public OnlineScore score(double[] row) {
        return scoreAll(new double[][] {row}).getFirst();
    }

    /** The state now, to start another replica from (an ensemble's bytes take milliseconds to write, under the lock). */
    public ReplicaSnapshot checkpoint() {
        return checkpointOf(capture(true));
    }

    /** The fingerprint of the state now (its bytes are written under the lock; hashed outside it). */
    public Fingerprint fingerprint() {
        return fingerprintOf(capture(false));
    }

    /**
     * The fingerprint when this replica is at {@code sequence}: at once if it is there, else when
     * it gets there. For comparing members: ask each for the same sequence.
     *
     * @return a future that fails with {@link IllegalStateException} if the replica is past the
     *         sequence already, or stops before it
     */
    public CompletableFuture<Fingerprint> fingerprintAt(long sequence) {
        return at(sequence, -1, false).thenApply(this::fingerprintOf);
    }

    /**
     * The fingerprint when the learner has learnt {@code revision} outcomes (the state stays the same
     * through the entries skipped after the last of them): at once if it is there, else when it gets there.
     */
    public CompletableFuture<Fingerprint> fingerprintAtRevision(long revision) {
        return at(-1, revision, false).thenApply(this::fingerprintOf);
    }

    /**
     * The state when this replica is at {@code sequence}, with its test-then-train counts since the
     * replica started, as {@link #fingerprintAt}: what a checkpoint version is made of.
     */
    public CompletableFuture<ReplicaState> stateAt(long sequence) {
        return at(sequence, -1, false).thenApply(state -> new ReplicaState(model, state.sequence(), state.revision(),
                state.learner(), startSequence, state.tested(), state.testedCorrect()));
    }

    /** The state now, as {@link #stateAt}. */
    public ReplicaState state() {
        State state = capture(false);
        return new ReplicaState(model, state.sequence(), state.revision(), state.learner(), startSequence, state.tested(),
                state.testedCorrect());
    }

    /** The checkpoint when this replica is at {@code sequence}, as {@link #fingerprintAt}. */
    public CompletableFuture<ReplicaSnapshot> checkpointAt(long sequence) {
        return at(sequence, -1, true).thenApply(this::checkpointOf);
    }

    /** Stops applying; it keeps answering from the state it is in. */
    public void close() {
        stop(ReplicaStatus.CLOSED);
    }

    /** How long the lock was held and waited for since this replica started. */
    public LockTimes lockTimes() {
        lock.lock();
        try {
            return new LockTimes(applierHolds.times(), scorerHolds.times(), scorerWaits.times());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        ReplicaProgress now = progress;
        return "Replica[" + model + " at sequence " + now.sequence() + ", revision " + now.revision() + ", "
                + now.status() + "]";
    }

    /**
     * Applies {@code outcomes}, the log's entries from sequence {@code from}, starting with the one
     * at {@code offset}, under the lock until {@code maxHoldNanos} have passed. For the applier's thread.
     *
     * @return the offset of the first entry not applied yet; -1 if the replica applies no more, or
     *         is not at that entry (a read from another position: read again from {@link #sequence()})
     */
    int apply(List<LoggedOutcome> outcomes, long from, int offset, long maxHoldNanos) {
        List<RefusedOutcome> refusedNow = List.of();
        List<Due> due = new ArrayList<>(0);
        int next;
        ReplicaProgress after;
        lock.lock();
        long start = System.nanoTime();
        try {
            if (!(status instanceof ReplicaStatus.Applying) || from + offset != sequence) {
                return -1;
            }
            next = offset;
            takeDue(due);
            while (next < outcomes.size()) {
                LoggedOutcome outcome = outcomes.get(next);
                if (window.seenThenRecord(outcome.eventId())) {
                    duplicates++;
                } else {
                    try {
                        // Test, then train: what the model would have answered just before it
                        // learnt the outcome, as MOA's prequential evaluation counts it; a
                        // checkpoint's accuracy over its period.
                        boolean right = learner.revision() > 0 && outcome.features().length == features
                                && learner.predict(outcome.features()) instanceof OnlinePrediction.Predicted predicted
                                && predicted.label().equals(outcome.label());
                        learner.learn(outcome.features(), outcome.label());
                        tested++;
                        if (right) {
                            testedCorrect++;
                        }
                    } catch (IllegalArgumentException refusal) {
                        refused++;
                        lastRefused = new RefusedOutcome(model, sequence, outcome.eventId(), refusal.getMessage());
                        if (refusedNow.isEmpty()) {
                            refusedNow = new ArrayList<>(1);
                        }
                        refusedNow.add(lastRefused);
                    } catch (RuntimeException failure) {
                        LOG.error("{}'s replica failed on log entry {} (event '{}'); it stops", model, sequence,
                                outcome.eventId(), failure);
                        status = new ReplicaStatus.Failed(sequence, outcome.eventId(), String.valueOf(failure));
                        break;
                    }
                }
                sequence++;
                next++;
                takeDue(due);
                if (System.nanoTime() - start >= maxHoldNanos) {
                    break;
                }
            }
            if (!(status instanceof ReplicaStatus.Applying)) {
                failPoints(due);
            }
            progress = after = snapshot();
            applierHolds.record(System.nanoTime() - start);
        } finally {
            lock.unlock();
        }
        due.forEach(Due::complete);
        refusedNow.forEach(r -> notifyAll(refusedListeners, r));
        notifyAll(appliedListeners, after);
        return after.status() instanceof ReplicaStatus.Applying ? next : -1;
    }

    /** Stops applying for good, in {@code why}; a replica stopped already stays as it was. */
    void stop(ReplicaStatus why) {
        List<Due> due = new ArrayList<>(0);
        ReplicaProgress after;
        lock.lock();
        try {
            if (!(status instanceof ReplicaStatus.Applying)) {
                return;
            }
            status = why;
            failPoints(due);
            progress = after = snapshot();
        } finally {
            lock.unlock();
        }
        due.forEach(Due::complete);
        if (!(why instanceof ReplicaStatus.Closed)) {
            LOG.warn("{}'s replica stops applying its outcome log: {}", model, why);
        }
        notifyAll(appliedListeners, after);
    }

    boolean applying() {
        return progress.status() instanceof ReplicaStatus.Applying;
    }

    private @Nullable String rowProblem(double[] row) {
        if (row.length != features) {
            return "the learner takes rows of " + features + " features, got " + row.length;
        }
        for (int j = 0; j < row.length; j++) {
            if (!Double.isFinite(row[j])) {
                return "feature " + j + " is " + row[j] + ": the learner takes finite values";
            }
        }
        return null;
    }

    private ReplicaProgress snapshot() {
        return new ReplicaProgress(model, sequence, learner.revision(), duplicates, refused, lastRefused, status);
    }

    /** The learner's bytes, sequence and revision (and the window, for a checkpoint), taken under the lock. */
    private record State(long sequence, long revision, byte[] learner, @Nullable List<String> recent, long tested,
            long testedCorrect) {
    }

    /** A state asked for at a sequence or a revision (-1 for the one not asked), and who waits for it. */
    private record Point(long sequence, long revision, boolean withWindow, CompletableFuture<State> future) {
    }

    /** A point reached, with its state, or what stopped it; completed outside the lock. */
    private record Due(CompletableFuture<State> future, @Nullable State state, @Nullable String failure) {
        void complete() {
            if (state != null) {
                future.complete(state);
            } else {
                future.completeExceptionally(new IllegalStateException(failure));
            }
        }
    }

    private State capture(boolean withWindow) {
        lock.lock();
        try {
            return state(withWindow);
        } finally {
            lock.unlock();
        }
    }

    private State state(boolean withWindow) {
        return new State(sequence, learner.revision(), learner.toBytes(), withWindow ? window.recent() : null, tested,
                testedCorrect);
    }

    private CompletableFuture<State> at(long atSequence, long atRevision, boolean withWindow) {
        CompletableFuture<State> future = new CompletableFuture<>();
        List<Due> due = new ArrayList<>(1);
        lock.lock();
        try {
            Point point = new Point(atSequence, atRevision, withWindow, future);
            long revision = learner.revision();
            if (atSequence >= 0 ? sequence > atSequence : revision > atRevision) {
                due.add(new Due(future, null, "'" + model + "''s replica is past " + (atSequence >= 0 ? "sequence "
                        + atSequence : "revision " + atRevision) + " already: at sequence " + sequence + ", revision "
                        + revision));
            } else if (isAt(point)) {
                due.add(new Due(future, state(withWindow), null));
            } else if (!(status instanceof ReplicaStatus.Applying)) {
                due.add(new Due(future, null, "'" + model + "''s replica applies no more: " + status));
            } else {
                points.add(point);
            }
        } finally {
            lock.unlock();
        }
        due.forEach(Due::complete);
        return future;
    }

    private boolean isAt(Point point) {
        return point.sequence() >= 0 ? point.sequence() == sequence : point.revision() == learner.revision();
    }

    /** Under the lock: the points this state is at leave the list, each with the state. */
    private void takeDue(List<Due> due) {
        if (points.isEmpty()) {
            return;
        }
        for (var it = points.iterator(); it.hasNext(); ) {
            Point point = it.next();
            if (isAt(point)) {
                due.add(new Due(point.future(), state(point.withWindow()), null));
                it.remove();
            }
        }
    }

    private void failPoints(List<Due> due) {
        for (Point point : points) {
            due.add(new Due(point.future(), null, "'" + model + "''s replica stopped at sequence " + sequence
                    + " before " + (point.sequence() >= 0 ? "sequence " + point.sequence() : "revision "
                    + point.revision()) + ": " + status));
        }
        points.clear();
    }

    private Fingerprint fingerprintOf(State state) {
        return new Fingerprint(model, state.sequence(), state.revision(), ModelCodec.sha256(state.learner()));
    }

    private ReplicaSnapshot checkpointOf(State state) {
        List<String> recent = state.recent() == null ? List.of() : state.recent();
        return new ReplicaSnapshot(model, state.sequence(), state.learner(), window.size(), recent);
    }

    private <T> void notifyAll(List<Consumer<T>> listeners, T value) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                LOG.warn("a listener of {}'s replica failed on {}", model, value, e);
            }
        }
    }
}
