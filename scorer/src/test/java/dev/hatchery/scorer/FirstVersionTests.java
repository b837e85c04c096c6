package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.TrainedModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A model's first version, published while its events stream: an event that reaches a member
 * after it heard of the publish but before its holder activated the version waits for it and
 * is scored by it, never dead-lettered as "not loaded yet"; for a version that never comes it
 * waits a bounded time, once.
 */
@Tag("slow")
class FirstVersionTests {

    private static final int MODELS = 20;
    private static final int EVENTS_PER_ROUND = 10;
    /** How many models' events flow at once: the newest, and the two before it while they settle. */
    private static final int FLOWING = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Every model's v1: a forest of some size, so that staging it takes long enough to be raced. */
    private static TrainedModel forest;

    private final List<HazelcastInstance> members = new ArrayList<>();

    @BeforeAll
    static void train() {
        forest = TestModels.forest(30, 2_000, 7);
    }

    @AfterEach
    void stop() {
        members.forEach(HazelcastInstance::shutdown);
    }

    @Nested
    class OnOneMember {

        @Test
        void twentyFirstPublishesWhileEventsStreamScoreEveryEventPublishedForByV1() throws Exception {
            members.add(TestMembers.standalone(config -> ScorerMaps.configure(config, 1_000_000)));
            firstPublishesWhileEventsStream();
        }
    }

    @Tag("cluster")
    @Nested
    class OnThreeMembers {

        @Test
        void twentyFirstPublishesWhileEventsStreamScoreEveryEventPublishedForByV1() throws Exception {
            String cluster = TestMembers.newClusterName();
            // The third stages nothing: there every publish is a load.
            for (int stagedVersions : new int[] {3, 3, 0}) {
                members.add(TestMembers.member(cluster, config -> {
                    ScorerMaps.configure(config, 1_000_000);
                    new HolderSettings(HolderSettings.DEFAULTS.reconcileMillis(), stagedVersions).applyTo(config);
                }));
            }
            assertThat(members.getFirst().getCluster().getMembers()).hasSize(3);
            firstPublishesWhileEventsStream();
        }
    }

    /**
     * A pointer this member heard of whose version it cannot load (here: one never registered,
     * so every load fails and the registry's pointer, which has none of it, never corrects it).
     */
    @Nested
    class AVersionThatNeverActivates {

        private static final String FINE = "fine";
        private static final String STUCK = "stuck";

        private HazelcastInstance member;
        private ModelHolder holder;
        private final Random random = new Random(5);

        @BeforeEach
        void start() {
            member = TestMembers.standalone(config -> ScorerMaps.configure(config, 1_000_000));
            members.add(member);
            ModelRegistry registry = ModelRegistry.on(member);
            registry.register(new Registration(FINE, TestModels.logistic(8, 1), 400, 1.0, "test"));
            registry.publish(FINE, 1, "test", "first");
            holder = ModelHolder.of(member);
            await().atMost(WAIT).until(() -> holder.serving(FINE).isPresent());
            holder.offer(neverLoadable(STUCK));
        }

        private static Deployment neverLoadable(String model) {
            return new Deployment(model, 1, 1, Deployment.Action.PUBLISH, System.currentTimeMillis(), "test",
                    "never registered", List.of());
        }

        private Map.Entry<String, Event> event(String id, String model) {
            return Map.entry(id, new Event(id, model, TestModels.row(random), System.currentTimeMillis()));
        }

        @Test
        void aBatchWaitsForItThenGoesToTheDeadLettersSayingSoAndOnlyTheFirstEventsWait() throws Exception {
            List<Map.Entry<String, Event>> batch = List.of(event("f-0", FINE), event("s-1", STUCK), event("f-2", FINE));
            long started = System.nanoTime();
            CompletableFuture<List<ScoreResult>> waiting = holder.scoreAll(batch, 1, 1);
            assertThat(waiting).as("waits for stuck/v1").isNotDone();

            // Meanwhile the other model's events are scored at once.
            CompletableFuture<List<ScoreResult>> other = holder.scoreAll(List.of(event("f-3", FINE)), 1, 1);
            assertThat(other).isDone();
            assertThat(other.join()).singleElement().isInstanceOf(Prediction.class);

            List<ScoreResult> results = waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(System.nanoTime() - started).as("waited the whole bound")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(ModelHolder.ACTIVATION_WAIT_MILLIS));
            assertThat(results).hasSize(3);
            assertThat(results.get(0)).isInstanceOfSatisfying(Prediction.class, p -> assertThat(p.eventId()).isEqualTo("f-0"));
            assertThat(results.get(2)).isInstanceOfSatisfying(Prediction.class, p -> assertThat(p.eventId()).isEqualTo("f-2"));
            assertThat(results.get(1)).isInstanceOfSatisfying(DeadLetter.class, letter -> {
                assertThat(letter.key()).isEqualTo(DeadLetter.keyOfEvent("s-1"));
                assertThat(letter.reason()).contains("stuck/v1 is deployed but member " + member.getName()
                        + " has not loaded it yet", "waited " + ModelHolder.ACTIVATION_WAIT_MILLIS + " ms");
            });

            // Once per deployment: the model's later events do not hold their batches up again.
            CompletableFuture<List<ScoreResult>> later = holder.scoreAll(List.of(event("s-4", STUCK)), 1, 1);
            assertThat(later).isDone();
            assertThat(later.join()).singleElement().isInstanceOfSatisfying(DeadLetter.class,
                    letter -> assertThat(letter.reason()).contains("waited " + ModelHolder.ACTIVATION_WAIT_MILLIS + " ms"));
        }

        @Test
        void aWaitingBatchIsScoredByTheVersionOnceItActivatesInItsOrder() throws Exception {
            holder.offer(neverLoadable("late"));
            List<Map.Entry<String, Event>> batch = List.of(event("l-0", "late"), event("f-1", FINE), event("l-2", "late"));
            CompletableFuture<List<ScoreResult>> waiting = holder.scoreAll(batch, 1, 1);
            assertThat(waiting).isNotDone();

            TrainedModel late = TestModels.logistic(11, 3);
            assertThat(holder.swap(new LoadedModel("late", 1, 1, late))).isTrue();

            List<ScoreResult> results = waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(results).hasSize(3).allSatisfy(result -> assertThat(result).isInstanceOf(Prediction.class));
            for (int i = 0; i < batch.size(); i++) {
                Event event = batch.get(i).getValue();
                Prediction prediction = (Prediction) results.get(i);
                assertThat(prediction.eventId()).isEqualTo(event.id());
                assertThat(prediction.model()).isEqualTo(event.model());
                if (event.model().equals("late")) {
                    assertThat(prediction.version()).isEqualTo(1);
                    assertThat(prediction.epoch()).isEqualTo(1);
                    assertThat(prediction.predictedClass()).isEqualTo(late.predict(event.features()).index());
                }
            }
        }

        @Test
        void theJobDeadLettersItsEventsAfterTheWaitAndScoresEveryOtherEvent() {
            Job job = ScoringPipeline.submit(member, JobSettings.DEFAULTS);
            IMap<String, Event> events = ScorerMaps.events(member);
            IMap<String, Prediction> predictions = ScorerMaps.predictions(member);
            IMap<String, DeadLetter> letters = ScorerMaps.deadLetters(member);
            List<String> fine = new ArrayList<>();
            // Other events before, beside and after the stuck model's, in every partition.
            for (int round = 0; round < 3; round++) {
                Map<String, Event> batch = new HashMap<>();
                for (int i = 0; i < 500; i++) {
                    Map.Entry<String, Event> event = event("f-" + round + "-" + i, FINE);
                    batch.put(event.getKey(), event.getValue());
                    fine.add(event.getKey());
                }
                if (round < 2) {
                    Map.Entry<String, Event> stuck = event("s-" + round, STUCK);
                    batch.put(stuck.getKey(), stuck.getValue());
                }
                events.putAll(batch);
                if (round == 0) {
                    await().atMost(WAIT).until(() -> letters.containsKey(DeadLetter.keyOfEvent("s-0")));
                }
            }

            await().atMost(WAIT).until(() -> predictions.size() == fine.size() && letters.size() == 2);
            assertThat(job.getStatus()).isEqualTo(JobStatus.RUNNING);
            job.cancel();
            ScoringAudit audit = ScoringAudit.of(member, fine);
            assertThat(audit.predictions()).isEqualTo(fine.size());
            assertThat(audit.duplicated()).isZero();
            assertThat(predictions.values()).allSatisfy(p -> assertThat(p.version()).isEqualTo(1));
            assertThat(letters.values()).extracting(DeadLetter::reason)
                    .allSatisfy(reason -> assertThat(reason).contains("stuck/v1 is deployed", "waited"));
        }
    }

    /**
     * Events of each model start flowing before its v1 is registered and published and flow on
     * while every member activates it and the next two models are published. Those written before the publish returned may find no
     * version deployed; every one written after it must be scored, by v1.
     */
    private void firstPublishesWhileEventsStream() throws Exception {
        HazelcastInstance first = members.getFirst();
        ModelRegistry registry = ModelRegistry.on(first);
        Job job = ScoringPipeline.submit(first, JobSettings.DEFAULTS);
        IMap<String, Event> events = ScorerMaps.events(first);

        List<String> flowing = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> sequences = new ConcurrentHashMap<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            Random random = new Random(42);
            while (producing.get()) {
                Map<String, Event> batch = new HashMap<>();
                for (String model : flowing) {
                    for (int i = 0; i < EVENTS_PER_ROUND; i++) {
                        String id = model + "-" + sequences.get(model).getAndIncrement();
                        batch.put(id, new Event(id, model, TestModels.row(random), System.currentTimeMillis()));
                    }
                }
                events.putAll(batch);
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
        });

        // The first id of each model's events written after its publish returned.
        Map<String, Integer> firstAfterPublish = new HashMap<>();
        for (int m = 0; m < MODELS; m++) {
            String model = "first-" + m;
            AtomicInteger sequence = new AtomicInteger();
            sequences.put(model, sequence);
            flowing.add(model);
            if (flowing.size() > FLOWING) {
                flowing.removeFirst();
            }
            // Paced by the stream, not the clock, so each publish lands mid-stream however fast the machine is.
            awaitWritten(sequence, 5 * EVENTS_PER_ROUND);
            registry.register(new Registration(model, forest, 2_000, 1.0, "test"));
            registry.publish(model, 1, "test", "first");
            firstAfterPublish.put(model, sequence.get());
            awaitWritten(sequence, sequence.get() + 10 * EVENTS_PER_ROUND);
        }
        producing.set(false);
        producer.get();

        List<String> ids = new ArrayList<>();
        sequences.forEach((model, sequence) -> {
            for (int i = 0; i < sequence.get(); i++) {
                ids.add(model + "-" + i);
            }
        });
        IMap<String, Prediction> predictions = ScorerMaps.predictions(first);
        IMap<String, DeadLetter> letters = ScorerMaps.deadLetters(first);
        await().atMost(WAIT).until(() -> predictions.size() + letters.size() == ids.size());
        job.cancel();

        ScoringAudit audit = ScoringAudit.of(first, ids);
        Map<String, DeadLetter> lettered = new HashMap<>(letters);
        System.out.printf("first versions on %d member(s): %s%n", members.size(), audit);
        assertThat(audit.lost()).isZero();
        assertThat(audit.duplicated()).isZero();
        assertThat(audit.notDeployed()).isZero();
        assertThat(audit.journalOverflowed()).isFalse();
        assertThat(lettered.values()).extracting(DeadLetter::reason).noneMatch(reason -> reason.contains("has not loaded"));
        Map<String, Prediction> predicted = predictions.getAll(new HashSet<>(ids));
        for (String id : ids) {
            String model = id.substring(0, id.lastIndexOf('-'));
            int sequence = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
            if (sequence < firstAfterPublish.get(model)) {
                // Written before its model had a version: scored by v1 if it came late enough, else
                // dead-lettered as having none deployed.
                assertThat(predicted.containsKey(id) || lettered.get(DeadLetter.keyOfEvent(id)).reason()
                        .contains("no version of model '" + model + "' is deployed")).as(id).isTrue();
                continue;
            }
            assertThat(predicted.get(id)).as(id).isNotNull()
                    .satisfies(prediction -> assertThat(prediction.version()).isEqualTo(1));
        }
    }

    private static void awaitWritten(AtomicInteger sequence, int count) {
        await().atMost(WAIT).until(() -> sequence.get() >= count);
    }
}
