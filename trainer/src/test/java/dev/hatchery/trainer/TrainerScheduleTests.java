package dev.hatchery.trainer;

import static dev.hatchery.trainer.TrainingFixture.CONCEPT_A;
import static dev.hatchery.trainer.TrainingFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.scorer.ScorerMaps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A model's cron schedule on one member, through Quartz's misfire handling. */
@Tag("slow")
class TrainerScheduleTests {

    private static final String MODEL = "scheduled";
    private static final long EVERY_MILLIS = 3_000;

    private HazelcastInstance member;
    private Trainer trainer;
    private TrainerSchedule schedule;

    private void start(TriggerSettings.Misfire misfire) {
        TriggerSettings triggers = new TriggerSettings("0/3 * * * * ?", misfire, false, false, 0, 0, false);
        TrainingPolicy policy = new TrainingPolicy(Algorithm.LOGISTIC_REGRESSION, FitOptions.DEFAULTS,
                new TrainingWindow.LastRows(100, 1_000), 0.2, triggers, new GateSettings(false, 0, 0.05, 0), 30_000,
                RecencyWeighting.DEFAULTS, SearchSettings.DEFAULTS,
                ShadowSettings.DEFAULTS, ProbationSettings.DEFAULTS);
        trainer = Trainer.on(member, TrainerSettings.of(policy).withCheckCron("0 0 0 1 1 ?").withLease(60, 300));
        trainer.bootstrap(MODEL, rows(CONCEPT_A, 500, 1), "test");
        TrainingFixture.outcomes(member, MODEL, rows(CONCEPT_A, 1_000, 2), 0, 1, 1);
        schedule = TrainerSchedule.start(trainer, member.getName());
    }

    @BeforeEach
    void member() {
        member = TestMembers.standalone(config -> {
            ScorerMaps.configure(config, 10_000);
            FeedbackMaps.configure(config, 10_000);
            TrainerMaps.addSerializers(config.getSerializationConfig());
        });
    }

    @AfterEach
    void stop() {
        schedule.close();
        trainer.close();
        member.shutdown();
    }

    private List<Instant> scheduledFirings() {
        return TrainerMaps.trainingRuns(member).values().stream().filter(TrainingReport::finished)
                .map(TrainerClusterTests::fireTime).sorted().toList();
    }

    /** Quartz sleeps through at least two firings, as during a long pause of the member; returns when it woke. */
    private Instant sleepThroughTwoFirings() throws Exception {
        schedule.sleep();
        LockSupport.parkNanos(Duration.ofMillis(2 * EVERY_MILLIS + 500).toNanos());
        Instant woke = Instant.now();
        schedule.wake();
        return woke;
    }

    /**
     * How long this JVM's threads could not run while it watched: a thread that asks to wake every
     * 10 ms and notes by how much it overslept. On a loaded machine (other builds, a collection)
     * Quartz's thread is held up about as long, so a bound on how soon Quartz acts widens by the
     * time overslept meanwhile, and on an idle machine by next to nothing.
     */
    private static final class Stalls implements AutoCloseable {
        private static final long TICK_NANOS = Duration.ofMillis(10).toNanos();
        /** Each tick's end (wall-clock milliseconds) and how many nanoseconds it overslept. */
        private final Queue<long[]> ticks = new ConcurrentLinkedQueue<>();
        private volatile boolean watching = true;
        private final Thread watcher = Thread.ofPlatform().daemon().name("stall-watcher").start(() -> {
            while (watching) {
                long before = System.nanoTime();
                LockSupport.parkNanos(TICK_NANOS);
                ticks.add(new long[] {System.currentTimeMillis(), System.nanoTime() - before - TICK_NANOS});
            }
        });

        /** The time overslept by the ticks that ended from {@code from} to {@code to} (and the one just after). */
        Duration overslept(Instant from, Instant to) {
            long last = to.toEpochMilli() + Duration.ofNanos(TICK_NANOS).toMillis();
            return Duration.ofNanos(ticks.stream().filter(t -> t[0] >= from.toEpochMilli() && t[0] <= last)
                    .mapToLong(t -> Math.max(0, t[1])).sum());
        }

        @Override
        public void close() throws InterruptedException {
            watching = false;
            watcher.join();
        }
    }

    @Nested
    class MissedFiringsWithFireOnce {

        @Test
        void becomeOneRunAsSoonAsTheSchedulerWakes() throws Exception {
            start(TriggerSettings.Misfire.FIRE_ONCE);
            Instant woke;
            int before;
            Instant first;
            Duration stalled;
            try (Stalls stalls = new Stalls()) {
                woke = sleepThroughTwoFirings();
                before = (int) scheduledFirings().stream().filter(t -> t.isBefore(woke.minusSeconds(1))).count();

                await().atMost(Duration.ofSeconds(10)).until(() -> scheduledFirings().size() > before);

                // The firing's time as Quartz reports it: when it took up the missed firings.
                first = scheduledFirings().get(before);
                stalled = stalls.overslept(woke, first);
            }
            assertThat(first).as("fired on waking, not at the next slot (threads overslept %s meanwhile)", stalled)
                    .isBetween(woke.minusMillis(100), woke.plusMillis(1_500).plus(stalled));
            assertThat(first.toEpochMilli() % EVERY_MILLIS).as("a catch-up firing is off the schedule's slots").isNotZero();
            assertThat(scheduledFirings().stream().filter(t -> t.isAfter(woke.minusMillis(100))
                    && t.toEpochMilli() % EVERY_MILLIS != 0)).as("missed firings coalesce").hasSize(1);
        }
    }

    @Nested
    class MissedFiringsWithSkip {

        @Test
        void areDroppedAndTheScheduleGoesOnFromTheNextSlot() throws Exception {
            start(TriggerSettings.Misfire.SKIP);
            Instant woke = sleepThroughTwoFirings();
            int before = (int) scheduledFirings().stream().filter(t -> t.isBefore(woke.minusSeconds(1))).count();

            await().atMost(Duration.ofSeconds(10)).until(() -> scheduledFirings().size() > before);

            assertThat(scheduledFirings()).as("every firing on a slot").allSatisfy(t ->
                    assertThat(t.toEpochMilli() % EVERY_MILLIS).isZero());
            assertThat(scheduledFirings().get(before)).isAfterOrEqualTo(woke.minusMillis(100));
            assertThat(schedule.nextFire(MODEL)).hasValueSatisfying(next -> {
                assertThat(next).isAfter(woke);
                assertThat(next.toEpochMilli() % EVERY_MILLIS).isZero();
            });
            assertThat(schedule.nextFire("unscheduled")).isEmpty();
        }
    }
}
