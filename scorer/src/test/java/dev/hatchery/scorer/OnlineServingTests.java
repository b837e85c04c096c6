package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.Artifact;
import dev.hatchery.registry.Checkpoint;
import dev.hatchery.registry.Lineage;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.online.LearnerSpec;
import dev.hatchery.registry.online.OnlineLearner;
import dev.hatchery.registry.online.OnlinePrediction;
import dev.hatchery.scorer.online.LoggedOutcome;
import dev.hatchery.scorer.online.OutcomeLog;
import dev.hatchery.scorer.online.Replica;
import dev.hatchery.scorer.online.ReplicaState;
import dev.hatchery.scorer.online.ReplicaTampering;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three real members on loopback serving one online model (a real MOA Hoeffding Adaptive Tree)
 * through their holders: each scores from the first event, learns every outcome the log holds,
 * stamps each prediction with the state that made it, carries its replica on through checkpoint
 * versions, and a replica damaged on purpose is caught at the next checkpoint and rebuilt.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnlineServingTests {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final List<String> FEATURES = List.of("a", "b");

    private final List<HazelcastInstance> members = new ArrayList<>();
    private ModelRegistry registry;

    @BeforeAll
    void startCluster() {
        String cluster = TestMembers.newClusterName();
        for (int i = 0; i < 3; i++) {
            members.add(TestMembers.member(cluster, config -> {
                ScorerMaps.configure(config, 100_000);
                new HolderSettings(200, 3).applyTo(config);
            }));
        }
        registry = ModelRegistry.on(members.getFirst());
    }

    @AfterAll
    void stopCluster() {
        members.forEach(HazelcastInstance::shutdown);
    }

    /** Rows of a rule with a class, "mid", that first appears at row 1,000. */
    private static List<LoggedOutcome> outcomes(int from, int to) {
        List<LoggedOutcome> outcomes = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Random random = new Random(i);
            double a = random.nextDouble();
            double b = random.nextDouble();
            String label = i >= 1_000 && Math.abs(a - b) < 0.1 ? "mid" : a > b ? "hi" : "lo";
            outcomes.add(new LoggedOutcome("e" + i, new double[] {a, b}, label, i, i));
        }
        return outcomes;
    }

    private String startModel() {
        String model = "m" + UUID.randomUUID().toString().substring(0, 8);
        ModelVersion v1 = registry.register(Checkpoint.first(model, FEATURES, LearnerSpec.parse("hat"), 0, "run-" + model));
        registry.publish(model, v1.version(), "test", "start");
        for (HazelcastInstance member : members) {
            await().atMost(WAIT).until(() -> ModelHolder.of(member).replica(model).isPresent());
        }
        return model;
    }

    private static List<ScoreResult> score(HazelcastInstance member, String model, int rows) {
        List<Map.Entry<String, Event>> batch = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            Random random = new Random(-i - 1);
            batch.add(Map.entry("q" + i, new Event("q" + i, model, new double[] {random.nextDouble(), random.nextDouble()}, i)));
        }
        return ModelHolder.of(member).scoreAll(batch, 1, 1).join();
    }

    private void awaitAllAt(String model, long sequence) {
        for (HazelcastInstance member : members) {
            await().atMost(WAIT).until(() -> ModelHolder.of(member).replica(model).orElseThrow().sequence() == sequence);
        }
    }

    @Test
    void scoresFromTheFirstEventAndEveryMemberAnswersAlikeOnceItHasLearnt() {
        String model = startModel();
        for (HazelcastInstance member : members) {
            assertThat(score(member, model, 5)).allSatisfy(result -> assertThat(result)
                    .isInstanceOfSatisfying(Prediction.class, p -> {
                        assertThat(p.revision()).isZero();
                        assertThat(p.predicted()).isFalse();
                        assertThat(p.predictedLabel()).isEmpty();
                        assertThat(p.version()).isEqualTo(1);
                    }));
        }
        OutcomeLog log = OutcomeLog.of(members.get(1), model);
        log.appendAllAsync(outcomes(0, 1_500)).toCompletableFuture().join();
        awaitAllAt(model, 1_500);

        List<List<ScoreResult>> answers = members.stream().map(member -> score(member, model, 200)).toList();
        assertThat(answers.get(1)).usingRecursiveFieldByFieldElementComparatorIgnoringFields("scoredAtMillis")
                .isEqualTo(answers.get(0));
        assertThat(answers.get(2)).usingRecursiveFieldByFieldElementComparatorIgnoringFields("scoredAtMillis")
                .isEqualTo(answers.get(0));
        Set<String> labels = new HashSet<>();
        for (ScoreResult result : answers.getFirst()) {
            Prediction p = (Prediction) result;
            assertThat(p.revision()).isEqualTo(1_500);
            assertThat(p.classes()).containsExactlyInAnyOrder("lo", "hi", "mid");
            assertThat(p.probabilities()).hasSize(3);
            assertThat(p.classes()[p.predictedClass()]).isEqualTo(p.predictedLabel());
            labels.add(p.predictedLabel());
        }
        assertThat(labels).contains("hi", "lo");

        IMap<String, MemberServing> serving = members.getFirst().getMap(ScorerMaps.MEMBER_SERVING);
        await().atMost(WAIT).untilAsserted(() -> assertThat(serving.values()).filteredOn(m -> m.model().equals(model))
                .hasSize(3).allSatisfy(m -> {
                    assertThat(m.revision()).isEqualTo(1_500);
                    assertThat(m.lag()).isZero();
                }));
        IMap<String, ReplicaFingerprint> fingerprints = members.getFirst().getMap(ScorerMaps.REPLICA_FINGERPRINTS);
        await().atMost(WAIT).untilAsserted(() -> assertThat(fingerprints.values())
                .filteredOn(f -> f.model().equals(model)).hasSize(3)
                .allSatisfy(f -> assertThat(f.sequence()).isEqualTo(1_000))
                .extracting(ReplicaFingerprint::sha256).containsOnly(fingerprintAt(model, 1_000)));
    }

    private String fingerprintAt(String model, long sequence) {
        return registry.versions(model).isEmpty() ? "" : replayed(model, 1, sequence).sha256();
    }

    /** The model's v1 fed the log's first entries in a plain loop: what every replica must be at {@code sequence}. */
    private OnlineLearner replayed(String model, int version, long sequence) {
        Artifact.Online artifact = (Artifact.Online) registry.loadArtifact(model, version);
        OnlineLearner learner = artifact.learner();
        long from = ((Lineage.Online) registry.version(model, version).orElseThrow().lineage()).toSequence();
        OutcomeLog log = OutcomeLog.of(members.getFirst(), model);
        for (LoggedOutcome outcome : ((dev.hatchery.scorer.online.LogRead.Entries) log.read(from, sequence)).outcomes()) {
            learner.learn(outcome.features(), outcome.label());
        }
        return learner;
    }

    @Test
    void everyPredictionNamesAStateTheCheckpointAndTheLogReproduce() {
        String model = startModel();
        OutcomeLog log = OutcomeLog.of(members.getFirst(), model);
        log.appendAllAsync(outcomes(0, 700)).toCompletableFuture().join();
        awaitAllAt(model, 700);
        List<ScoreResult> answers = score(members.get(2), model, 50);
        for (ScoreResult result : answers) {
            Prediction p = (Prediction) result;
            OnlineLearner offline = replayed(model, p.version(), p.revision());
            OnlinePrediction again = offline.predict(p.features());
            assertThat(again).isInstanceOfSatisfying(OnlinePrediction.Predicted.class, predicted -> {
                assertThat(predicted.label()).isEqualTo(p.predictedLabel());
                assertThat(predicted.posterior()).containsExactly(p.probabilities());
            });
        }
    }

    @Test
    void aCheckpointVersionCarriesEveryReplicaOnAndADamagedOneIsRebuilt() throws Exception {
        String model = startModel();
        OutcomeLog log = OutcomeLog.of(members.getFirst(), model);
        log.appendAllAsync(outcomes(0, 1_200)).toCompletableFuture().join();
        awaitAllAt(model, 1_200);
        List<Replica> before = members.stream().map(m -> ModelHolder.of(m).replica(model).orElseThrow()).toList();

        // The lease holder's part, done by hand: member 0's state at 1,000 wait, its state now.
        ReplicaState state = before.getFirst().state();
        ModelVersion v2 = registry.register(Checkpoint.of(model, FEATURES, OnlineLearner.fromBytes(state.learner()), 0,
                state.sequence(), state.tested(), state.testedCorrect(), "run-2"));
        registry.publish(model, v2.version(), "test", "checkpoint");
        for (int i = 0; i < members.size(); i++) {
            HazelcastInstance member = members.get(i);
            await().atMost(WAIT).until(() -> ModelHolder.of(member).serving(model).orElseThrow().version() == 2);
            assertThat(ModelHolder.of(member).replica(model)).containsSame(before.get(i));
        }
        assertThat(score(members.get(1), model, 3)).allSatisfy(r -> assertThat(((Prediction) r).version()).isEqualTo(2));

        // Member 2 loses an entry: it learns a foreign outcome in its place.
        Replica damaged = before.get(2);
        await().atMost(WAIT).until(() -> ReplicaTampering.applyForeign(damaged,
                new LoggedOutcome("foreign", new double[] {0.9, 0.1}, "lo", 0, 0)));
        log.appendAllAsync(outcomes(1_200, 1_900)).toCompletableFuture().join();
        awaitAllAt(model, 1_900);
        assertThat(damaged.fingerprint().sha256()).isNotEqualTo(before.getFirst().fingerprint().sha256());

        // The checkpoint at 2,000, from member 0, finds it out.
        var at2000 = before.getFirst().stateAt(2_000);
        log.appendAllAsync(outcomes(1_900, 2_300)).toCompletableFuture().join();
        ReplicaState reference = at2000.get(1, TimeUnit.MINUTES);
        registry.register(Checkpoint.of(model, FEATURES, OnlineLearner.fromBytes(reference.learner()), state.sequence(),
                reference.sequence(), 0, 0, "run-3"));

        IMap<String, ReplicaDivergence> divergences = members.getFirst().getMap(ScorerMaps.REPLICA_DIVERGENCES);
        await().atMost(WAIT).untilAsserted(() -> assertThat(divergences.values()).filteredOn(d -> d.model().equals(model))
                .singleElement().satisfies(d -> {
                    assertThat(d.member()).isEqualTo(members.get(2).getName());
                    assertThat(d.sequence()).isEqualTo(2_000);
                    assertThat(d.checkpointSha256()).isEqualTo(reference.sha256());
                    assertThat(d.reason()).contains("rebuilt from the checkpoint");
                }));
        await().atMost(WAIT).until(() -> ModelHolder.of(members.get(2)).replica(model).orElseThrow() != damaged);
        awaitAllAt(model, 2_300);
        Set<String> hashes = new HashSet<>();
        for (HazelcastInstance member : members) {
            hashes.add(ModelHolder.of(member).replica(model).orElseThrow().fingerprint().sha256());
        }
        assertThat(hashes).hasSize(1);
        assertThat(ModelHolder.of(members.get(2)).serving(model).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void aRollbackStartsEveryReplicaFromTheCheckpointAndLearnsOnFromTheRollbackPoint() {
        String model = startModel();
        OutcomeLog log = OutcomeLog.of(members.getFirst(), model);
        log.appendAllAsync(outcomes(0, 600)).toCompletableFuture().join();
        awaitAllAt(model, 600);
        ReplicaState state = ModelHolder.of(members.getFirst()).replica(model).orElseThrow().state();
        ModelVersion v2 = registry.register(Checkpoint.of(model, FEATURES, OnlineLearner.fromBytes(state.learner()), 0,
                state.sequence(), state.tested(), state.testedCorrect(), "run-2"));
        registry.publish(model, v2.version(), "test", "checkpoint");
        // Outcomes 600–1,400 are learnt by v2's replicas, then rolled back: they must not be learnt again.
        log.appendAllAsync(outcomes(600, 1_400)).toCompletableFuture().join();
        awaitAllAt(model, 1_400);
        var rollback = registry.rollback(model, 1, "operator", "bad period");
        assertThat(rollback.logSequence()).isEqualTo(1_400);
        for (HazelcastInstance member : members) {
            await().atMost(WAIT).until(() -> ModelHolder.of(member).serving(model).orElseThrow().epoch()
                    == rollback.epoch());
        }
        log.appendAllAsync(outcomes(1_400, 1_700)).toCompletableFuture().join();
        awaitAllAt(model, 1_700);

        OnlineLearner expected = ((Artifact.Online) registry.loadArtifact(model, 1)).learner();
        for (LoggedOutcome outcome : ((dev.hatchery.scorer.online.LogRead.Entries) log.read(1_400, 1_700)).outcomes()) {
            expected.learn(outcome.features(), outcome.label());
        }
        for (HazelcastInstance member : members) {
            Replica replica = ModelHolder.of(member).replica(model).orElseThrow();
            assertThat(replica.revision()).isEqualTo(300);
            assertThat(replica.fingerprint().sha256()).isEqualTo(expected.sha256());
            assertThat(((Prediction) score(member, model, 1).getFirst()).version()).isEqualTo(1);
        }
    }
}
