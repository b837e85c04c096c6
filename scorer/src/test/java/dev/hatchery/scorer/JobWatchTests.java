package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.pipeline.JournalInitialPosition;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.Sources;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.TestMembers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class JobWatchTests {

    /** The job's copy stage throws once while this is set: the job runs in this JVM. */
    private static final AtomicBoolean FAIL_ONCE = new AtomicBoolean();
    /** The copy stage throws on every item while this is set. */
    private static final AtomicBoolean FAIL_ALWAYS = new AtomicBoolean();
    private static final String JOB = "watched";

    private HazelcastInstance member;
    private JobWatch watch;
    private IMap<Integer, Integer> in;
    private IMap<Integer, Integer> out;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> {
            config.getMapConfig("in").getEventJournalConfig().setEnabled(true);
            ScorerMaps.addSerializers(config.getSerializationConfig());
        });
        in = member.getMap("in");
        out = member.getMap("out");
        watch = JobWatch.start(member, List.of(JOB));
    }

    @AfterEach
    void stop() {
        watch.close();
        member.shutdown();
        FAIL_ONCE.set(false);
        FAIL_ALWAYS.set(false);
    }

    /** Copies the in map into the out map, as Hatchery submits its jobs (same job settings). */
    private Job copyJob() {
        Pipeline pipeline = Pipeline.create();
        pipeline.readFrom(Sources.<Integer, Integer>mapJournal("in", JournalInitialPosition.START_FROM_OLDEST))
                .withoutTimestamps()
                .map(entry -> {
                    if (FAIL_ONCE.getAndSet(false)) {
                        throw new IllegalStateException("a failure Jet does not restart by itself");
                    }
                    if (FAIL_ALWAYS.get()) {
                        throw new IllegalStateException("a copy that fails on every try");
                    }
                    return entry;
                })
                .writeTo(Sinks.map("out"));
        return member.getJet().newJob(pipeline,
                new JobSettings(ProcessingGuarantee.EXACTLY_ONCE, 200).jobConfig(JOB));
    }

    private void write(int from, int to) {
        in.putAll(IntStream.range(from, to).boxed().collect(Collectors.toMap(i -> i, i -> i)));
    }

    @Test
    void resumesAJobAFailureSuspendedFromItsSnapshotAndLosesNothing() {
        Job job = copyJob();
        write(0, 100);
        await().atMost(Duration.ofSeconds(30)).until(() -> out.size() == 100);

        FAIL_ONCE.set(true);
        write(100, 200);

        await().atMost(Duration.ofSeconds(30)).until(() -> out.size() == 200);
        assertThat(watch.resumes()).isEqualTo(1);
        assertThat(job.getStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(Map.copyOf(out)).isEqualTo(Map.copyOf(in));
        // For operators: `hatchery jobs` shows it.
        await().atMost(Duration.ofSeconds(10)).until(() -> ScorerMaps.jobRecoveries(member).containsKey(JOB));
        JobRecovery recovery = ScorerMaps.jobRecoveries(member).get(JOB);
        assertThat(recovery.resumes()).isEqualTo(1);
        assertThat(recovery.lastCause()).contains("a failure Jet does not restart by itself");
        assertThat(recovery.member()).isEqualTo(member.getName());
    }

    @Tag("slow")
    @Test
    void recordsAJobThatFailsAgainAfterEveryResumeAsFailingRepeatedlyWithItsCause() {
        Job job = copyJob();
        await().atMost(Duration.ofSeconds(30)).until(() -> job.getStatus() == JobStatus.RUNNING);
        FAIL_ALWAYS.set(true);
        write(0, 1);

        // Resumed after 1, 2 and 4 s of back-off, failing at once each time.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JobRecovery recovery = ScorerMaps.jobRecoveries(member).get(JOB);
            return recovery != null && recovery.streak() >= JobRecovery.REPEATED;
        });
        JobRecovery recovery = ScorerMaps.jobRecoveries(member).get(JOB);
        assertThat(recovery.failingRepeatedly(System.currentTimeMillis())).isTrue();
        assertThat(recovery.lastCause()).contains("fails on every try");
        assertThat(recovery.streakSinceMillis()).isLessThan(recovery.lastResumedAtMillis());
        assertThat(recovery.failingRepeatedly(recovery.lastResumedAtMillis() + JobRecovery.STREAK_GAP_MILLIS + 1))
                .as("long after its last resume").isFalse();

        FAIL_ALWAYS.set(false);
        await().atMost(Duration.ofSeconds(90)).until(() -> out.size() == 1 && job.getStatus() == JobStatus.RUNNING);
    }

    @Tag("slow")
    @Test
    void leavesAJobAnOperatorSuspendedSuspended() {
        Job job = copyJob();
        await().atMost(Duration.ofSeconds(30)).until(() -> job.getStatus() == JobStatus.RUNNING);
        job.suspend();

        // Several of the watch's checks.
        await().during(Duration.ofMillis(4 * JobWatch.CHECK_EVERY_MILLIS)).atMost(Duration.ofSeconds(30))
                .until(() -> job.getStatus() == JobStatus.SUSPENDED);
        assertThat(watch.resumes()).isZero();
        assertThat(job.getSuspensionCause().requestedByUser()).isTrue();
        assertThat(ScorerMaps.jobRecoveries(member).containsKey(JOB)).isFalse();
    }
}
