package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.metrics.MetricNames;
import com.hazelcast.jet.core.metrics.MetricTags;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TestMembers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One member of three dies mid-stream while versions keep changing, or while the scoring job
 * starts: the job goes on from its last snapshot on the others, and afterwards every event has
 * exactly one prediction, stamped by a version that was deployed.
 */
@Tag("cluster")
class MemberFailureTests {

    private static final String MODEL = "failover";
    private static final int EVENTS = 30_000;
    private static final int BATCH = 250;

    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<JobWatch> watches = new ArrayList<>();

    @BeforeEach
    void startCluster() {
        String cluster = TestMembers.newClusterName();
        for (int i = 0; i < 3; i++) {
            HazelcastInstance member = TestMembers.member(cluster, config -> ScorerMaps.configure(config, 1_000_000));
            members.add(member);
            // As every node runs one.
            watches.add(JobWatch.start(member, List.of(ScoringPipeline.JOB_NAME)));
        }
        assertThat(members.getFirst().getCluster().getMembers()).hasSize(3);
    }

    @AfterEach
    void stopCluster() {
        watches.forEach(JobWatch::close);
        members.forEach(HazelcastInstance::shutdown);
    }

    @Test
    void afterAMemberDiesEveryEventHasExactlyOnePredictionByADeployedVersion() throws Exception {
        HazelcastInstance survivor = members.getFirst();
        ModelRegistry registry = ModelRegistry.on(survivor);
        for (int v = 0; v < 3; v++) {
            registry.register(new Registration(MODEL, TestModels.logistic(8 + v, v), 400, 1.0, "test"));
        }
        registry.publish(MODEL, 1, "test", "first");
        Job job = ScoringPipeline.submit(survivor, new JobSettings(ProcessingGuarantee.EXACTLY_ONCE, 300));
        await().atMost(Duration.ofSeconds(30)).until(() -> job.getStatus() == JobStatus.RUNNING
                && members.stream().allMatch(m -> ModelHolder.of(m).serving(MODEL).isPresent()));
        // Mid-stream: the job's execution runs on every member (each reports its metrics). A death
        // while the job starts is the next test's.
        await().atMost(Duration.ofSeconds(30)).until(() -> job.getMetrics().get(MetricNames.RECEIVED_COUNT).stream()
                .map(measurement -> measurement.tag(MetricTags.MEMBER)).distinct().count() == members.size());

        IMap<String, Event> events = ScorerMaps.events(survivor);
        AtomicInteger produced = new AtomicInteger();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            Random random = new Random(7);
            while (produced.get() < EVENTS) {
                int from = produced.get();
                events.putAll(batchOfEvents(from, from + BATCH, random));
                produced.addAndGet(BATCH);
                // About 25,000 events a second: the stream outlasts several snapshots.
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        });
        int publishes = 0;
        boolean killed = false;
        while (!producer.isDone()) {
            if (!killed && produced.get() > EVENTS * 2 / 5) {
                members.getLast().getLifecycleService().terminate();
                killed = true;
            }
            int serving = registry.deployment(MODEL).orElseThrow().version();
            registry.publish(MODEL, serving % 3 + 1, "test", "swap " + ++publishes);
            LockSupport.parkNanos(Duration.ofMillis(150).toNanos());
        }
        producer.get();
        assertThat(killed).isTrue();

        IMap<String, Prediction> predictions = ScorerMaps.predictions(survivor);
        await().atMost(Duration.ofSeconds(90)).until(() -> predictions.size() >= EVENTS);

        ScoringAudit audit = ScoringAudit.of(survivor, IntStream.range(0, EVENTS).mapToObj(i -> "e-" + i).toList());
        System.out.println("member failure, " + publishes + " publishes: " + audit);

        assertThat(audit.predictions()).isEqualTo(EVENTS);
        assertThat(audit.lost()).isZero();
        assertThat(audit.duplicated()).isZero();
        assertThat(audit.notDeployed()).isZero();
        assertThat(audit.executions()).as("the job was restored after the member died").isGreaterThan(1);
        assertThat(job.getStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(ScorerMaps.deadLetters(survivor).size()).isZero();
    }

    @Test
    void aMemberThatDiesWhileTheJobStartsLeavesNoEventUnscored() throws Exception {
        HazelcastInstance survivor = members.getFirst();
        ModelRegistry registry = ModelRegistry.on(survivor);
        registry.register(new Registration(MODEL, TestModels.logistic(8, 0), 400, 1.0, "test"));
        registry.publish(MODEL, 1, "test", "first");
        IMap<String, Event> events = ScorerMaps.events(survivor);
        Random random = new Random(11);
        events.putAll(batchOfEvents(0, 1_000, random));

        Job job = ScoringPipeline.submit(survivor, new JobSettings(ProcessingGuarantee.EXACTLY_ONCE, 300));
        await().atMost(Duration.ofSeconds(30)).until(() -> job.getStatus() == JobStatus.RUNNING);
        // Running as the coordinator sees it: the members are still starting their executions, and
        // their holders may still be loading v1. Jet fails such a start now and then ("execution
        // not found"); JobWatch resumes the job.
        members.getLast().getLifecycleService().terminate();
        events.putAll(batchOfEvents(1_000, 2_000, random));

        IMap<String, Prediction> predictions = ScorerMaps.predictions(survivor);
        IMap<String, DeadLetter> deadLetters = ScorerMaps.deadLetters(survivor);
        await().atMost(Duration.ofSeconds(60)).until(() -> predictions.size() + deadLetters.size() >= 2_000);
        ScoringAudit audit = ScoringAudit.of(survivor, IntStream.range(0, 2_000).mapToObj(i -> "e-" + i).toList());
        System.out.println("member death at the job's start: " + audit + ", resumes by the watch: "
                + watches.stream().mapToInt(JobWatch::resumes).sum());

        assertThat(deadLetters.values()).as("events sent to the dead letters").isEmpty();
        assertThat(audit.predictions()).isEqualTo(2_000);
        assertThat(audit.lost()).isZero();
        assertThat(audit.duplicated()).isZero();
        assertThat(job.getStatus()).isEqualTo(JobStatus.RUNNING);
    }

    private static Map<String, Event> batchOfEvents(int from, int to, Random random) {
        Map<String, Event> batch = new HashMap<>();
        for (int i = from; i < to; i++) {
            batch.put("e-" + i, new Event("e-" + i, MODEL, TestModels.row(random), System.currentTimeMillis()));
        }
        return batch;
    }
}
