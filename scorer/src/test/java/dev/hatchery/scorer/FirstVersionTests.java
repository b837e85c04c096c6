package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.TrainedModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A model's first version, published while its events stream: an event that reaches a member
 * after it heard of the publish but before its holder activated the version waits for it and
 * is scored by it, never dead-lettered as "not loaded yet".
 */
class FirstVersionTests {

    private static final int MODELS = 20;
    private static final int EVENTS_PER_ROUND = 10;
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
     * Events of each model start flowing before its v1 is registered and published and flow on
     * while every member activates it. Those written before the publish returned may find no
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
        Map<String, Prediction> predicted = predictions.getAll(new java.util.HashSet<>(ids));
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
