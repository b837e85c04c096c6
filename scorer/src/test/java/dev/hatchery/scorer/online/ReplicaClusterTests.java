package dev.hatchery.scorer.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.online.LearnerSpec;
import dev.hatchery.scorer.ScorerMaps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three real members on loopback, each with its own replica of one model following the same
 * log, and real MOA learners: whatever the members' timing, every replica ends in the same
 * state as a learner fed the deduplicated outcomes in a plain loop, and so does one started late
 * on a member from another's checkpoint.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaClusterTests {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final int WINDOW = 500;

    private final List<HazelcastInstance> members = new ArrayList<>();
    private String clusterName;

    @BeforeAll
    void startCluster() {
        clusterName = TestMembers.newClusterName();
        for (int i = 0; i < 3; i++) {
            members.add(TestMembers.member(clusterName, config -> ScorerMaps.configure(config, 10_000)));
        }
        assertThat(members.getFirst().getCluster().getMembers()).hasSize(3);
    }

    @AfterAll
    void stopCluster() {
        members.forEach(HazelcastInstance::shutdown);
    }

    private static String newModel() {
        return "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * 3,000 outcomes of a drifting stream with a class from row 1,000 on, as a producer with retries
     * logs them: one repeated within its batch, the last of a batch again first in the next, a
     * whole batch twice, one repeated 800 entries later (beyond the window: learnt again), and one
     * of the wrong width; in batches of 1 to 200.
     */
    private static List<List<LoggedOutcome>> batches(List<LoggedOutcome> outcomes) {
        Random random = new Random(17);
        List<List<LoggedOutcome>> batches = new ArrayList<>();
        int next = 0;
        while (next < outcomes.size()) {
            int size = Math.min(outcomes.size() - next, 1 + random.nextInt(200));
            List<LoggedOutcome> batch = new ArrayList<>(outcomes.subList(next, next + size));
            next += size;
            batches.add(batch);
        }
        batches.get(3).add(batches.get(3).getFirst());
        batches.get(6).addFirst(batches.get(5).getLast());
        batches.add(9, List.copyOf(batches.get(8)));
        batches.get(20).add(new LoggedOutcome("narrow", new double[] {1, 2, 3}, "high", 0, 0));
        batches.get(batches.size() - 2).add(outcomes.get(2_100));
        return batches;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hat", "moa:meta.LeveragingBag -s 5"})
    void everyMembersReplicaEndsIdenticalAndEqualToAPlainLoop(String learner) throws Exception {
        LearnerSpec spec = LearnerSpec.parse(learner).withSeed(3);
        String model = newModel();
        List<LoggedOutcome> outcomes = OnlineStreams.drifting("e", 3_000, 1_000, 23);
        List<List<LoggedOutcome>> batches = batches(outcomes);
        List<LoggedOutcome> logged = batches.stream().flatMap(List::stream).toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Replica> replicas = new ArrayList<>();
        for (HazelcastInstance member : members) {
            Replica replica = Replica.fromEmpty(OutcomeLog.of(member, model), spec, OnlineStreams.FEATURES, WINDOW);
            replica.onApplied(progress -> threads.add(member.getName() + " " + Thread.currentThread().getName()));
            replicas.add(replica);
        }
        List<CompletableFuture<Fingerprint>> midway = replicas.stream().map(r -> r.fingerprintAt(2_000)).toList();
        CompletableFuture<ReplicaSnapshot> checkpoint = replicas.get(1).checkpointAt(1_500);
        for (int i = 0; i < 3; i++) {
            OnlineApplier.of(members.get(i)).follow(replicas.get(i));
        }
        // One member scores all along: predicting must leave the learner's state as it was.
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> scoringFailure = new AtomicReference<>();
        AtomicLong scored = new AtomicLong();
        Thread scorer = Thread.ofPlatform().name("scorer").start(() -> {
            double[][] rows = OnlineStreams.rows(16, 5);
            try {
                while (!done.get()) {
                    replicas.getFirst().scoreAll(rows);
                    scored.incrementAndGet();
                }
            } catch (Throwable t) {
                scoringFailure.set(t);
            }
        });

        OutcomeLog producer = OutcomeLog.of(members.get(1), model);
        for (List<LoggedOutcome> batch : batches) {
            if (batch.size() == 1) {
                producer.append(batch.getFirst());
            } else {
                producer.appendAllAsync(batch).toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
        Replica late = Replica.fromCheckpoint(OutcomeLog.of(members.get(2), model),
                ReplicaSnapshot.fromBytes(checkpoint.get(60, TimeUnit.SECONDS).toBytes()));
        OnlineApplier.of(members.get(2)).follow(late);
        List<Replica> all = new ArrayList<>(replicas);
        all.add(late);
        await().atMost(WAIT).until(() -> all.stream().allMatch(r -> r.sequence() == logged.size()));
        done.set(true);
        scorer.join();

        assertThat(logged).hasSize(3_000 + 1 + 1 + batches.get(8).size() + 1 + 1);
        List<LoggedOutcome> learnt = OnlineStreams.deduplicated(logged, WINDOW);
        assertThat(learnt).hasSize(3_000 + 1 + 1);
        String expected = OnlineStreams.plainlyLearnt(spec, learnt).sha256();
        for (Replica replica : all) {
            assertThat(replica.fingerprint()).as(replica.toString())
                    .isEqualTo(new Fingerprint(model, logged.size(), 3_001, expected));
            assertThat(replica.lag()).isZero();
        }
        for (Replica replica : replicas) {
            ReplicaProgress progress = replica.progress();
            assertThat(progress.duplicates()).isEqualTo(logged.size() - learnt.size());
            assertThat(progress.refused()).isEqualTo(1);
            assertThat(progress.lastRefused().eventId()).isEqualTo("narrow");
            assertThat(progress.lastRefused()).isEqualTo(replicas.getFirst().progress().lastRefused());
        }
        assertThat(midway.stream().map(CompletableFuture::join).distinct()).hasSize(1);
        assertThat(scoringFailure.get()).isNull();
        assertThat(scored.get()).isPositive();
        for (HazelcastInstance member : members) {
            assertThat(threads).filteredOn(t -> t.startsWith(member.getName() + " "))
                    .containsOnly(member.getName() + " hatchery-online-" + member.getName());
        }
        all.forEach(Replica::close);
    }

    @Test
    void theReplicasCarryOnIdenticalWhenTheMemberHoldingTheLogDies() throws Exception {
        HazelcastInstance holder = TestMembers.member(clusterName, config -> ScorerMaps.configure(config, 10_000));
        try {
            carryOnWhenTheLogsHolderDies(holder);
        } finally {
            holder.getLifecycleService().terminate();
        }
    }

    private void carryOnWhenTheLogsHolderDies(HazelcastInstance holder) throws Exception {
        // Partitions migrate to the new member: then a log it holds.
        await().atMost(WAIT).until(() -> holder.getPartitionService().isClusterSafe()
                && holder.getPartitionService().getPartitions().stream().anyMatch(p -> p.getOwner() != null
                        && p.getOwner().localMember()));
        String model = newModel();
        while (!holder.getPartitionService().getPartition(ScorerMaps.outcomeLogName(model)).getOwner().localMember()) {
            model = newModel();
        }
        LearnerSpec spec = LearnerSpec.parse("hat").withSeed(3);
        List<Replica> replicas = new ArrayList<>();
        for (HazelcastInstance member : members) {
            Replica replica = Replica.fromEmpty(OutcomeLog.of(member, model), spec, OnlineStreams.FEATURES, WINDOW);
            OnlineApplier.of(member).follow(replica);
            replicas.add(replica);
        }
        List<LoggedOutcome> outcomes = OnlineStreams.drifting("e", 2_000, 600, 31);
        OutcomeLog producer = OutcomeLog.of(members.get(1), model);
        int retried = 0;
        for (int from = 0; from < outcomes.size(); from += 50) {
            if (from == 1_000) {
                await().atMost(WAIT).until(() -> replicas.stream().allMatch(r -> r.sequence() >= 900));
                holder.getLifecycleService().terminate();
            }
            List<LoggedOutcome> batch = outcomes.subList(from, from + 50);
            // As a producer does: a batch whose append failed is appended again, whatever part of it got in.
            for (int attempt = 1; ; attempt++) {
                try {
                    producer.appendAllAsync(batch).toCompletableFuture().get(30, TimeUnit.SECONDS);
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(attempt).as("attempts at the batch from %d: %s", from, e).isLessThan(10);
                    retried++;
                }
            }
        }
        long end = producer.tailSequence() + 1;
        await().atMost(WAIT).until(() -> replicas.stream().allMatch(r -> r.sequence() == end));

        LogRead.Entries log = (LogRead.Entries) producer.read(0, end);
        assertThat(log.outcomes()).as("every outcome is in the log, after %d retried batches", retried)
                .containsAll(outcomes);
        List<LoggedOutcome> learnt = OnlineStreams.deduplicated(log.outcomes(), WINDOW);
        assertThat(learnt).hasSize(2_000);
        String expected = OnlineStreams.plainlyLearnt(spec, learnt).sha256();
        for (Replica replica : replicas) {
            assertThat(replica.fingerprint()).isEqualTo(new Fingerprint(model, end, 2_000, expected));
            assertThat(replica.progress().status()).isEqualTo(ReplicaStatus.APPLYING);
        }
        replicas.forEach(Replica::close);
    }

    /**
     * Not a check: how long an outcome takes from its append to being applied on all three
     * members, appended one at a time every 2 ms. Run with {@code -Dhatchery.measure=true}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"hat", "moa:meta.LeveragingBag -s 10"})
    @EnabledIfSystemProperty(named = "hatchery.measure", matches = "true")
    void measuresAppendToAppliedOnEveryMember(String learner) throws Exception {
        LearnerSpec spec = LearnerSpec.parse(learner).withSeed(3);
        String model = newModel();
        int count = 2_000;
        List<LoggedOutcome> outcomes = OnlineStreams.drifting("e", count, 700, 29);
        long[] appended = new long[count];
        long[][] applied = new long[3][count];
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Replica replica = Replica.fromEmpty(OutcomeLog.of(members.get(i), model), spec, OnlineStreams.FEATURES,
                    Replica.DEFAULT_DEDUP_WINDOW);
            long[] at = applied[i];
            AtomicLong seen = new AtomicLong();
            replica.onApplied(progress -> {
                long now = System.nanoTime();
                for (long s = seen.get(); s < progress.sequence(); s++) {
                    at[(int) s] = now;
                }
                seen.set(progress.sequence());
            });
            OnlineApplier.of(members.get(i)).follow(replica);
            replicas.add(replica);
        }
        OutcomeLog producer = OutcomeLog.of(members.get(1), model);
        double[][] rows = OnlineStreams.rows(64, 1);
        AtomicBoolean done = new AtomicBoolean();
        Thread scorer = Thread.ofPlatform().name("scorer").start(() -> {
            while (!done.get()) {
                replicas.get(2).scoreAll(rows);
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
        });
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * 2_000_000L;
            while (System.nanoTime() < due) {
                java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
            }
            appended[i] = System.nanoTime();
            producer.append(outcomes.get(i));
        }
        await().atMost(WAIT).until(() -> replicas.stream().allMatch(r -> r.sequence() == count));
        done.set(true);
        scorer.join();

        long[] latencies = new long[count];
        for (int s = 0; s < count; s++) {
            latencies[s] = Math.max(applied[0][s], Math.max(applied[1][s], applied[2][s])) - appended[s];
        }
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "%s: append → applied on all 3 members, %d outcomes every 2 ms:"
                        + " p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", learner, count, latencies[count / 2] / 1e6,
                latencies[count * 99 / 100] / 1e6, latencies[count - 1] / 1e6);
        for (Replica replica : replicas) {
            System.out.println("  " + replica + ": " + replica.lockTimes());
        }
        long before = System.nanoTime();
        ReplicaSnapshot checkpoint = replicas.getFirst().checkpoint();
        long checkpointed = System.nanoTime();
        replicas.getFirst().fingerprint();
        System.out.printf(Locale.ROOT, "  a checkpoint (%,d bytes) takes %.1f ms, a fingerprint %.1f ms%n",
                checkpoint.toBytes().length, (checkpointed - before) / 1e6, (System.nanoTime() - checkpointed) / 1e6);
        assertThat(replicas.stream().map(Replica::fingerprint).distinct()).hasSize(1);
        replicas.forEach(Replica::close);
    }
}
