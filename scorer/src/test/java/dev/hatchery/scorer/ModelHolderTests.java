package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TrainedModel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ModelHolderTests {

    private static final String MODEL = "holder";
    private static final long RECONCILE_MILLIS = 300;

    private HazelcastInstance member;
    private ModelRegistry registry;
    private ModelHolder holder;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> {
            ScorerMaps.configure(config, 1_000_000);
            new HolderSettings(RECONCILE_MILLIS, 3).applyTo(config);
        });
        registry = ModelRegistry.on(member);
        holder = ModelHolder.of(member);
        for (int v = 0; v < 3; v++) {
            registry.register(new Registration(MODEL, TestModels.logistic(7 + v, v), 400, 1.0, "test"));
        }
    }

    @AfterEach
    void stop() {
        member.shutdown();
    }

    private long servedEpoch() {
        return holder.serving(MODEL).map(LoadedModel::epoch).orElse(0L);
    }

    @Test
    void scoresABatchInOrderWithEachEventsOwnPredictionAndDeadLettersForTheRest() {
        TrainedModel forest = TestModels.forest(30, 400, 5);
        registry.register(new Registration("trees", forest, 400, 1.0, "test"));
        registry.publish("trees", 1, "test", "one");
        registry.publish(MODEL, 1, "test", "one");
        await().atMost(Duration.ofSeconds(10)).until(() -> holder.serving("trees").isPresent() && servedEpoch() == 1);
        Random random = new Random(3);
        List<Map.Entry<String, Event>> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Two models interleaved, and three events no version can score.
            String model = i % 3 == 0 ? MODEL : "trees";
            batch.add(Map.entry("e" + i, new Event("e" + i, model, TestModels.row(random), i)));
        }
        batch.set(7, Map.entry("e7", new Event("e7", "trees", new double[] {1, 2}, 7)));
        batch.set(8, Map.entry("e8", new Event("e8", "nobody", TestModels.row(random), 8)));
        batch.set(9, new java.util.AbstractMap.SimpleEntry<>("e9", null));

        List<Map.Entry<String, Event>> served = new ArrayList<>(batch);
        served.remove(8);
        assertThat(holder.scoreAll(served, 5, 6)).as("nothing in it waits for a version").isDone();

        // e8's model was never heard of here: its deployment pointer is read first, off Jet's threads.
        CompletableFuture<List<ScoreResult>> scored = holder.scoreAll(batch, 5, 6);
        assertThat(scored).succeedsWithin(Duration.ofSeconds(10));
        List<ScoreResult> results = scored.join();

        assertThat(results).hasSize(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ScoreResult result = results.get(i);
            String key = batch.get(i).getKey();
            if (i >= 7 && i <= 9) {
                assertThat(result).isInstanceOfSatisfying(DeadLetter.class,
                        letter -> assertThat(letter.key()).isEqualTo(DeadLetter.keyOfEvent(key)));
                continue;
            }
            Event event = batch.get(i).getValue();
            TrainedModel model = holder.serving(event.model()).orElseThrow().model();
            var alone = model.predict(event.features());
            assertThat(result).as("event %d", i).isInstanceOfSatisfying(Prediction.class, prediction -> {
                assertThat(prediction.eventId()).isEqualTo(event.id());
                assertThat(prediction.model()).isEqualTo(event.model());
                assertThat(prediction.predictedClass()).isEqualTo(alone.index());
                assertThat(prediction.probabilities()).isEqualTo(alone.posterior());
                assertThat(prediction.jobId()).isEqualTo(5);
            });
        }
        assertThat(((DeadLetter) results.get(7)).reason()).contains("event has 2 features");
        assertThat(((DeadLetter) results.get(8)).reason()).contains("no version of model 'nobody' is deployed");
        assertThat(((DeadLetter) results.get(9)).reason()).isEqualTo("event has no value");
    }

    @Test
    void followsEveryPublishAndRollback() {
        registry.publish(MODEL, 1, "test", "one");
        registry.publish(MODEL, 2, "test", "two");
        await().atMost(Duration.ofSeconds(10)).until(() -> servedEpoch() == 2);
        assertThat(holder.serving(MODEL).orElseThrow().version()).isEqualTo(2);

        registry.rollback(MODEL, "test", "bad");
        await().atMost(Duration.ofSeconds(10)).until(() -> servedEpoch() == 3);
        assertThat(holder.serving(MODEL).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void convergesByReconciliationWhenItMissesTheListenerEvents() {
        registry.publish(MODEL, 1, "test", "one");
        await().atMost(Duration.ofSeconds(10)).until(() -> servedEpoch() == 1);

        holder.stopListening();
        registry.publish(MODEL, 2, "test", "two");
        registry.rollback(MODEL, "test", "back");
        registry.publish(MODEL, 3, "test", "three");

        await().atMost(Duration.ofSeconds(10)).until(() -> servedEpoch() == 4);
        assertThat(holder.serving(MODEL).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void catchesUpWithThePointerAtOnceWhenAScoringProcessorStarts() {
        registry.publish(MODEL, 1, "test", "one");
        // Reconciling once a minute, and deaf to the listener after the first check: only a
        // catch-up can bring v2 within the test.
        try (ModelHolder starting = new ModelHolder(member, Clock.systemUTC(), new HolderSettings(60_000, 3))) {
            assertThat(starting.catchUp(10_000)).isTrue();
            assertThat(starting.serving(MODEL).orElseThrow().version()).isEqualTo(1);

            starting.stopListening();
            registry.publish(MODEL, 2, "test", "two");
            assertThat(starting.catchUp(10_000)).isTrue();
            assertThat(starting.serving(MODEL).orElseThrow().version()).isEqualTo(2);
        }
    }

    @Test
    void anEventOfAModelItNeverHeardOfWaitsForAReadOfItsPointerAndIsScoredByTheVersionPublished() {
        // Reconciling once a minute and deaf to the listener: as a member that has not heard the
        // publish yet when the first event written after it arrives.
        try (ModelHolder deaf = new ModelHolder(member, Clock.systemUTC(), new HolderSettings(60_000, 3))) {
            assertThat(deaf.catchUp(10_000)).isTrue();
            deaf.stopListening();
            registry.publish(MODEL, 1, "test", "one");

            CompletableFuture<List<ScoreResult>> scored = deaf.scoreAll(
                    List.of(Map.entry("after", new Event("after", MODEL, new double[] {1, 2, 3}, 1))), 5, 6);

            assertThat(scored).succeedsWithin(Duration.ofSeconds(10)).satisfies(results ->
                    assertThat(results.getFirst()).isInstanceOfSatisfying(Prediction.class,
                            prediction -> assertThat(prediction.version()).isEqualTo(1)));
            CompletableFuture<List<ScoreResult>> unknown = deaf.scoreAll(
                    List.of(Map.entry("nobody", new Event("nobody", "nobody", new double[] {1, 2, 3}, 1))), 5, 6);
            assertThat(unknown).succeedsWithin(Duration.ofSeconds(10)).satisfies(results ->
                    assertThat(results.getFirst()).isInstanceOfSatisfying(DeadLetter.class,
                            letter -> assertThat(letter.reason()).contains("no version of model 'nobody' is deployed")));
        }
    }

    @Nested
    class NeverMovesToAnOlderEpoch {

        @Test
        void whenAStaleRollbackArrivesAfterANewerPublish() {
            registry.publish(MODEL, 1, "test", "one");
            registry.publish(MODEL, 2, "test", "two");
            Deployment rollback = registry.rollback(MODEL, "test", "back to one");
            registry.publish(MODEL, 3, "test", "three");
            await().atMost(Duration.ofSeconds(10)).until(() -> servedEpoch() == 4);

            holder.offer(rollback);

            await().during(Duration.ofMillis(2 * RECONCILE_MILLIS)).atMost(Duration.ofSeconds(3))
                    .until(() -> servedEpoch() == 4 && holder.serving(MODEL).orElseThrow().version() == 3);
        }

        @Tag("slow")
        @Test
        void whenAnEarlierPublishIsStillLoadingAsALaterOneArrives() throws InterruptedException {
            registry.publish(MODEL, 1, "test", "one");
            await().atMost(Duration.ofSeconds(10)).until(() -> servedEpoch() == 1 && holder.staged(MODEL).contains(2));
            ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread observer = Thread.ofPlatform().start(() -> {
                while (watching.get()) {
                    seen.add(servedEpoch());
                }
            });

            // A forest of megabytes: registered and published at once, it is still being read
            // when the publish of the staged v2 arrives and flips at once.
            TrainedModel forest = TestModels.forest(60, 3_000, 11);
            int big = registry.register(new Registration(MODEL, forest, 3_000, 1.0, "test")).version();
            Deployment slow = registry.publish(MODEL, big, "test", "big");
            Deployment fast = registry.publish(MODEL, 2, "test", "small, staged");
            await().atMost(Duration.ofSeconds(10)).until(() -> servedEpoch() == fast.epoch());
            // Give the forest's load every chance to finish and try to swap in behind.
            await().atMost(Duration.ofSeconds(20)).until(() -> holder.staged(MODEL).contains(big));
            await().during(Duration.ofMillis(2 * RECONCILE_MILLIS)).atMost(Duration.ofSeconds(5))
                    .until(() -> servedEpoch() == fast.epoch());
            watching.set(false);
            observer.join();

            assertThat(slow.epoch()).isLessThan(fast.epoch());
            assertThat(holder.serving(MODEL).orElseThrow().version()).isEqualTo(2);
            assertThat(new ArrayList<>(seen)).isSorted().doesNotContain(slow.epoch());
        }

        @Test
        void whenAStaleDeploymentEventArrivesAfterANewerOne() {
            registry.publish(MODEL, 1, "test", "one");
            registry.publish(MODEL, 2, "test", "two");
            registry.publish(MODEL, 3, "test", "three");
            await().atMost(Duration.ofSeconds(10)).until(() -> servedEpoch() == 3);
            Deployment stale = registry.history(MODEL).get(1);
            assertThat(stale.epoch()).isEqualTo(2);

            holder.offer(stale);

            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> servedEpoch() == 3 && holder.serving(MODEL).orElseThrow().version() == 3);
        }

        @Test
        void whenLoadsFinishOutOfOrderConcurrently() throws InterruptedException {
            TrainedModel model = registry.load(MODEL, 1);
            List<Long> epochs = new ArrayList<>();
            for (long e = 1; e <= 200; e++) {
                epochs.add(e);
            }
            Collections.shuffle(epochs, new java.util.Random(5));
            ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
            AtomicBoolean swapping = new AtomicBoolean(true);
            Thread observer = Thread.ofPlatform().start(() -> {
                while (swapping.get()) {
                    seen.add(servedEpoch());
                }
            });
            ExecutorService loaders = Executors.newFixedThreadPool(4);
            for (long epoch : epochs) {
                loaders.execute(() -> holder.swap(new LoadedModel(MODEL, 1, epoch, model)));
            }
            loaders.shutdown();
            assertThat(loaders.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            swapping.set(false);
            observer.join();

            assertThat(servedEpoch()).isEqualTo(200);
            assertThat(new ArrayList<>(seen)).isSorted();
        }
    }
}
