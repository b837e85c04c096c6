package dev.hatchery.scorer.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.online.LearnerSpec;
import dev.hatchery.registry.online.OnlineLearner;
import dev.hatchery.registry.online.OnlinePrediction;
import dev.hatchery.scorer.ScorerMaps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One member, real MOA learners: a replica learns what a plain loop learns from its log, skips
 * duplicates and refused outcomes the same way, says when the log left it behind, starts from
 * checkpoints, and hands its learner over to scorers without ever showing a half-applied state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final LearnerSpec HAT = LearnerSpec.parse("hat").withSeed(7);

    private HazelcastInstance member;
    private OnlineApplier applier;
    private OutcomeLog log;

    @BeforeAll
    void startMember() {
        member = TestMembers.standalone(config -> {
            ScorerMaps.configure(config, 1_000);
            config.addRingBufferConfig(new RingbufferConfig(ScorerMaps.OUTCOME_LOG_PREFIX + OutcomeLogTests.SMALL + "*")
                    .setCapacity(50));
        });
    }

    @AfterAll
    void stopMember() {
        member.shutdown();
    }

    @BeforeEach
    void freshLog() {
        log = OutcomeLog.of(member, "m" + UUID.randomUUID().toString().substring(0, 8));
        applier = OnlineApplier.start("replica-tests", ApplierSettings.DEFAULTS);
    }

    @AfterEach
    void stopApplier() {
        applier.close();
    }

    private Replica following(Replica replica) {
        applier.follow(replica);
        return replica;
    }

    private static void awaitAt(Replica replica, long sequence) {
        await().atMost(WAIT).until(() -> replica.sequence() == sequence);
    }

    private void append(List<LoggedOutcome> outcomes) {
        log.appendAllAsync(outcomes).toCompletableFuture().join();
    }

    @Test
    void learnsWhatAPlainLoopLearnsFromTheSameOutcomes() {
        List<LoggedOutcome> outcomes = OnlineStreams.drifting("e", 1_200, 400, 1);
        Replica replica = following(Replica.fromEmpty(log, HAT, OnlineStreams.FEATURES, Replica.DEFAULT_DEDUP_WINDOW));

        append(outcomes.subList(0, 500));
        append(outcomes.subList(500, 1_200));
        awaitAt(replica, 1_200);

        OnlineLearner plain = OnlineStreams.plainlyLearnt(HAT, outcomes);
        Fingerprint fingerprint = replica.fingerprint();
        assertThat(fingerprint).isEqualTo(new Fingerprint(log.model(), 1_200, 1_200, plain.sha256()));
        assertThat(replica.progress().appliedSequence()).isEqualTo(1_199);
        assertThat(replica.lag()).isZero();
        for (double[] row : OnlineStreams.rows(50, 2)) {
            OnlineScore score = replica.score(row);
            assertThat(score.prediction()).isEqualTo(plain.predict(row));
            assertThat(score.revision()).isEqualTo(1_200);
            assertThat(score.sequence()).isEqualTo(1_200);
        }
    }

    @Nested
    class Duplicates {

        @Test
        void areAppliedOnceWhetherInOneBatchAcrossReadsOrAWholeBatchRetried() {
            applier.close();
            // Reads of 3 entries: a duplicate one entry after its original lies in the next read.
            applier = OnlineApplier.start("replica-tests", new ApplierSettings(3, 1_000, 10_000));
            List<LoggedOutcome> outcomes = OnlineStreams.drifting("e", 300, 100, 2);
            List<LoggedOutcome> logged = new ArrayList<>();
            logged.addAll(outcomes.subList(0, 10));
            logged.add(outcomes.get(4)); // in the same batch as its original
            logged.addAll(outcomes.subList(10, 20));
            logged.addAll(outcomes.subList(10, 20)); // the batch again, as a producer's retry
            logged.add(OnlineStreams.withId(outcomes.get(20), outcomes.get(19).eventId())); // same id, other content
            logged.addAll(outcomes.subList(20, 300));
            Replica replica = following(Replica.fromEmpty(log, HAT, OnlineStreams.FEATURES, 100));

            for (int from = 0; from < logged.size(); from += 37) {
                append(logged.subList(from, Math.min(logged.size(), from + 37)));
            }
            awaitAt(replica, logged.size());

            List<LoggedOutcome> learnt = OnlineStreams.deduplicated(logged, 100);
            assertThat(learnt).hasSize(300);
            assertThat(replica.progress().duplicates()).isEqualTo(12);
            assertThat(replica.revision()).isEqualTo(300);
            assertThat(replica.fingerprint().sha256()).isEqualTo(OnlineStreams.plainlyLearnt(HAT, learnt).sha256());
        }

        @Test
        void areLearntAgainWhenTheirOriginalIsFurtherBackThanTheWindow() {
            List<LoggedOutcome> outcomes = OnlineStreams.drifting("e", 40, 0, 3);
            List<LoggedOutcome> logged = new ArrayList<>(outcomes);
            logged.add(outcomes.get(39)); // 1 back: a duplicate
            logged.add(outcomes.get(0)); // 41 back: beyond a window of 5, learnt again
            Replica replica = following(Replica.fromEmpty(log, HAT, OnlineStreams.FEATURES, 5));

            append(logged);
            awaitAt(replica, 42);

            assertThat(replica.progress().duplicates()).isEqualTo(1);
            assertThat(replica.revision()).isEqualTo(41);
            assertThat(replica.fingerprint().sha256())
                    .isEqualTo(OnlineStreams.plainlyLearnt(HAT, OnlineStreams.deduplicated(logged, 5)).sha256());
        }
    }

    @Test
    void skipsAndRecordsTheOutcomesItsLearnerRefuses() {
        LearnerSpec threeClasses = HAT.withMaxClasses(3);
        List<LoggedOutcome> outcomes = new ArrayList<>(OnlineStreams.drifting("e", 200, 50, 4));
        outcomes.add(60, new LoggedOutcome("narrow", new double[] {1, 2, 3}, "high", 0, 0));
        outcomes.add(120, new LoggedOutcome("fourth", new double[] {1, 2, 3, 4}, "unheard-of", 0, 0));
        Replica replica = Replica.fromEmpty(log, threeClasses, OnlineStreams.FEATURES, Replica.DEFAULT_DEDUP_WINDOW);
        List<RefusedOutcome> heard = new CopyOnWriteArrayList<>();
        replica.onRefused(heard::add);
        following(replica);

        append(outcomes);
        awaitAt(replica, 202);

        assertThat(heard).extracting(RefusedOutcome::sequence, RefusedOutcome::eventId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(60L, "narrow"),
                        org.assertj.core.groups.Tuple.tuple(120L, "fourth"));
        assertThat(heard.get(0).reason()).contains("rows of 4 features, got 3");
        assertThat(heard.get(1).reason()).contains("'unheard-of' would be class 4").contains("at most 3");
        ReplicaProgress progress = replica.progress();
        assertThat(progress.refused()).isEqualTo(2);
        assertThat(progress.lastRefused()).isEqualTo(heard.get(1));
        assertThat(progress.revision()).isEqualTo(200);
        assertThat(progress.status()).isEqualTo(ReplicaStatus.APPLYING);
        assertThat(replica.fingerprint().sha256()).isEqualTo(OnlineStreams.plainlyLearnt(threeClasses, outcomes).sha256());
    }

    @Nested
    class WhereTheLogCannotTakeIt {

        @Test
        void aReplicaWhoseNextEntryWasOverwrittenIsStoppedAsBehindAndStillAnswers() {
            OutcomeLog small = OutcomeLog.of(member, OutcomeLogTests.SMALL + UUID.randomUUID());
            small.appendAllAsync(OnlineStreams.drifting("e", 120, 0, 5)).toCompletableFuture().join();
            Replica replica = following(Replica.fromEmpty(small, HAT, OnlineStreams.FEATURES, 10));

            await().atMost(WAIT).until(() -> !replica.applying());

            assertThat(replica.progress().status()).isEqualTo(new ReplicaStatus.Behind(0, 70));
            assertThat(replica.progress().sequence()).isZero();
            assertThat(applier.follows(replica)).isFalse();
            assertThat(replica.score(new double[] {1, 2, 3, 4}).prediction()).isEqualTo(OnlinePrediction.NOT_YET);
        }

        @Test
        void aReplicaFromAPositionBeyondTheLogsEndIsStoppedAsAhead() {
            append(OnlineStreams.drifting("e", 10, 0, 6));
            Replica elsewhere = Replica.fromEmpty(log, HAT, OnlineStreams.FEATURES, 3);
            byte[] bytes = elsewhere.checkpoint().learner();
            Replica replica = following(Replica.fromCheckpoint(log,
                    new ReplicaSnapshot(log.model(), 500, bytes, 3, List.of("a", "b", "c"))));

            await().atMost(WAIT).until(() -> !replica.applying());

            assertThat(replica.progress().status()).isEqualTo(new ReplicaStatus.Ahead(500, 9));
        }

        @Test
        void aReplicaFromBytesAloneNeedsTheWindowsEntriesStillInTheLog() {
            OutcomeLog small = OutcomeLog.of(member, OutcomeLogTests.SMALL + UUID.randomUUID());
            small.appendAllAsync(OnlineStreams.drifting("e", 120, 0, 7)).toCompletableFuture().join();
            byte[] bytes = OnlineLearner.create(HAT, OnlineStreams.FEATURES).toBytes();

            assertThatThrownBy(() -> Replica.fromBytes(small, bytes, 100, 40)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("overwritten them (its oldest is 70)")
                    .hasMessageContaining("start from a ReplicaSnapshot");
            assertThat(Replica.fromBytes(small, bytes, 115, 40).sequence()).isEqualTo(115);
            assertThatThrownBy(() -> Replica.fromBytes(small, bytes, 130, 40)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another log");
        }
    }

    @Nested
    class StartedFromACheckpoint {

        private final List<LoggedOutcome> logged = withDuplicatesAround(OnlineStreams.drifting("e", 900, 300, 8), 450);

        /** Repeats of the outcomes just before {@code at}, right after it: a replica resuming at {@code at} must skip them. */
        private static List<LoggedOutcome> withDuplicatesAround(List<LoggedOutcome> outcomes, int at) {
            List<LoggedOutcome> logged = new ArrayList<>(outcomes.subList(0, at));
            logged.addAll(outcomes.subList(at - 5, at));
            logged.addAll(outcomes.subList(at, outcomes.size()));
            return logged;
        }

        @Test
        void carryingItsWindowGoesOnExactlyAsTheReplicaItWasTakenFrom() throws Exception {
            Replica first = following(Replica.fromEmpty(log, HAT, OnlineStreams.FEATURES, 50));
            CompletableFuture<ReplicaSnapshot> taken = first.checkpointAt(450);
            append(logged);
            ReplicaSnapshot checkpoint = ReplicaSnapshot.fromBytes(taken.get(60, TimeUnit.SECONDS).toBytes());
            assertThat(checkpoint.sequence()).isEqualTo(450);
            assertThat(checkpoint.recentEventIds()).hasSize(50).endsWith("e-449");

            Replica late = following(Replica.fromCheckpoint(log, checkpoint));
            awaitAt(first, logged.size());
            awaitAt(late, logged.size());

            assertThat(late.progress().duplicates()).isEqualTo(5);
            assertThat(late.fingerprint()).isEqualTo(first.fingerprint());
            assertThat(first.fingerprint().sha256()).isEqualTo(
                    OnlineStreams.plainlyLearnt(HAT, OnlineStreams.deduplicated(logged, 50)).sha256());
        }

        @Test
        void fromBytesReadsTheWindowFromTheLogAndEndsTheSame() throws Exception {
            Replica first = following(Replica.fromEmpty(log, HAT, OnlineStreams.FEATURES, 50));
            CompletableFuture<ReplicaSnapshot> taken = first.checkpointAt(450);
            append(logged);
            ReplicaSnapshot checkpoint = taken.get(60, TimeUnit.SECONDS);

            Replica late = following(Replica.fromBytes(log, checkpoint.learner(), 450, 50));
            awaitAt(first, logged.size());
            awaitAt(late, logged.size());

            assertThat(late.fingerprint()).isEqualTo(first.fingerprint());
        }

        @Test
        void ofAnotherModelIsRefused() {
            ReplicaSnapshot other = new ReplicaSnapshot("other", 0, OnlineLearner.create(HAT, 4).toBytes(), 3, List.of());

            assertThatThrownBy(() -> Replica.fromCheckpoint(log, other)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a checkpoint of 'other' cannot follow the outcome log of '" + log.model());
        }
    }

    @Nested
    class Fingerprints {

        @Test
        void atASequenceOrRevisionAreTakenWhenTheReplicaGetsThereAndEqualAPlainLearnersThere() throws Exception {
            List<LoggedOutcome> outcomes = new ArrayList<>(OnlineStreams.drifting("e", 400, 100, 9));
            outcomes.add(200, outcomes.get(199)); // sequence 200 is a duplicate: revision 200 spans sequences 200 and 201
            Replica replica = Replica.fromEmpty(log, HAT, OnlineStreams.FEATURES, 10);
            CompletableFuture<Fingerprint> atSequence = replica.fingerprintAt(300);
            CompletableFuture<Fingerprint> atRevision = replica.fingerprintAtRevision(200);
            following(replica);

            append(outcomes);

            assertThat(atSequence.get(60, TimeUnit.SECONDS)).isEqualTo(new Fingerprint(log.model(), 300, 299,
                    OnlineStreams.plainlyLearnt(HAT, OnlineStreams.deduplicated(outcomes.subList(0, 300), 10)).sha256()));
            assertThat(atRevision.get(60, TimeUnit.SECONDS)).isEqualTo(new Fingerprint(log.model(), 200, 200,
                    OnlineStreams.plainlyLearnt(HAT, outcomes.subList(0, 200)).sha256()));
            awaitAt(replica, 401);
            assertThat(replica.fingerprintAt(401).get()).isEqualTo(replica.fingerprint());
            assertThatThrownBy(() -> replica.fingerprintAt(300).get()).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("past sequence 300 already: at sequence 401");
        }

        @Test
        void askedOfAReplicaThatStopsBeforeTheyAreReachedFail() {
            Replica replica = following(Replica.fromEmpty(log, HAT, OnlineStreams.FEATURES, 10));
            CompletableFuture<Fingerprint> never = replica.fingerprintAt(1_000);

            replica.close();

            assertThatThrownBy(never::get).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("stopped at sequence 0 before sequence 1000");
            assertThat(replica.progress().status()).isEqualTo(ReplicaStatus.CLOSED);
        }
    }

    @Test
    void scoringWhileTheLogIsAppliedNeverFailsAndSeesOnlyWholeStatesInOrder() throws Exception {
        List<LoggedOutcome> outcomes = OnlineStreams.drifting("e", 3_000, 1_000, 10);
        Replica replica = following(Replica.fromEmpty(log, HAT, OnlineStreams.FEATURES, Replica.DEFAULT_DEDUP_WINDOW));
        double[][] rows = OnlineStreams.rows(8, 11);
        record Answer(long revision, long sequence, List<OnlinePrediction> predictions) {
        }
        List<Answer> answers = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread scorer = Thread.ofPlatform().name("scorer").start(() -> {
            try {
                while (!done.get()) {
                    List<OnlineScore> scores = replica.scoreAll(rows);
                    answers.add(new Answer(scores.getFirst().revision(), scores.getFirst().sequence(),
                            scores.stream().map(OnlineScore::prediction).toList()));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });

        for (int from = 0; from < outcomes.size(); from += 100) {
            append(outcomes.subList(from, from + 100));
            Thread.sleep(5);
        }
        awaitAt(replica, 3_000);
        done.set(true);
        scorer.join();

        assertThat(failure.get()).isNull();
        assertThat(answers).hasSizeGreaterThan(100);
        for (int i = 1; i < answers.size(); i++) {
            assertThat(answers.get(i).revision()).isGreaterThanOrEqualTo(answers.get(i - 1).revision());
            assertThat(answers.get(i).sequence()).isGreaterThanOrEqualTo(answers.get(i - 1).sequence());
        }
        // Each answer is what the learner says after exactly that many outcomes: no state between two.
        OnlineLearner plain = OnlineLearner.create(HAT, OnlineStreams.FEATURES);
        int checked = 0;
        int next = 0;
        List<Answer> learnt = answers.stream().filter(a -> a.revision() > 0).toList();
        int step = Math.max(1, learnt.size() / 500);
        for (int i = 0; i < learnt.size(); i += step) {
            Answer answer = learnt.get(i);
            while (plain.revision() < answer.revision()) {
                plain.learn(outcomes.get(next).features(), outcomes.get(next).label());
                next++;
            }
            for (int r = 0; r < rows.length; r++) {
                assertThat(answer.predictions().get(r)).as("revision " + answer.revision()).isEqualTo(plain.predict(rows[r]));
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
        LockTimes times = replica.lockTimes();
        assertThat(times.applierHolds().count()).isGreaterThan(0);
        assertThat(times.scorerHolds().count()).isEqualTo(answers.size());
    }

    @Test
    void refusesRowsToScoreOfTheWrongWidthBeforeScoringAny() {
        Replica replica = Replica.fromEmpty(log, HAT, OnlineStreams.FEATURES, 10);

        assertThatThrownBy(() -> replica.scoreAll(new double[][] {{1, 2, 3, 4}, {1, 2, 3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1 for '" + log.model() + "': the learner takes rows of 4 features, got 3");
        assertThatThrownBy(() -> replica.score(new double[] {1, 2, Double.NaN, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature 2 is NaN");
        assertThat(replica.lockTimes().scorerHolds().count()).isZero();
    }
}
