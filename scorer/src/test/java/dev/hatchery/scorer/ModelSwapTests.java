package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.Registration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The core promise: versions swap in place under full load, and no event is lost or scored twice. */
class ModelSwapTests {

    private static final String MODEL = "swap";

    private HazelcastInstance member;
    private ModelRegistry registry;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> ScorerMaps.configure(config, 1_000_000));
        registry = ModelRegistry.on(member);
    }

    @AfterEach
    void stop() {
        member.shutdown();
    }

    @Test
    void hundredPublishesWhileEventsStreamLoseAndDuplicateNothing() throws Exception {
        int versions = 5;
        for (int v = 0; v < versions; v++) {
            registry.register(new Registration(MODEL, TestModels.logistic(6 + v, v), 400, 1.0, "test"));
        }
        registry.publish(MODEL, 1, "test", "first");
        Job job = ScoringPipeline.submit(member, JobSettings.DEFAULTS);
        await().atMost(Duration.ofSeconds(30)).until(() -> ModelHolder.of(member).serving(MODEL).isPresent());

        IMap<String, Event> events = ScorerMaps.events(member);
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicInteger produced = new AtomicInteger();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            Random random = new Random(42);
            // Full speed, and on until every publish is done plus a tail, so swaps land mid-stream.
            int tail = 0;
            while (publishing.get() || tail++ < 20) {
                Map<String, Event> batch = new HashMap<>();
                for (int i = 0; i < 500; i++) {
                    String id = "e-" + produced.getAndIncrement();
                    batch.put(id, new Event(id, MODEL, TestModels.row(random), System.currentTimeMillis()));
                }
                events.putAll(batch);
            }
        });
        List<Deployment> published = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            // Paced by the stream, not the clock, so swaps land mid-stream however fast the machine is.
            int due = produced.get() + 500;
            while (produced.get() < due) {
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
            int version = i % versions + 1;
            published.add(registry.publish(MODEL, version, "test", "swap " + i));
        }
        publishing.set(false);
        producer.get();
        int total = produced.get();

        IMap<String, Prediction> predictions = ScorerMaps.predictions(member);
        await().atMost(Duration.ofSeconds(60)).until(() -> predictions.size() >= total);

        NavigableMap<Long, Deployment> byEpoch = new TreeMap<>();
        registry.history(MODEL).forEach(d -> byEpoch.put(d.epoch(), d));
        assertThat(byEpoch).hasSize(101);

        long behindPointer = 0;
        long stampedBeforePublish = 0;
        Map<Long, Integer> perEpoch = new TreeMap<>();
        Map<String, Prediction> all = predictions.getAll(predictions.keySet());
        for (int i = 0; i < total; i++) {
            Prediction prediction = all.get("e-" + i);
            Deployment stamped = prediction == null ? null : byEpoch.get(prediction.epoch());
            if (stamped == null || stamped.version() != prediction.version()) {
                continue; // lost or stamped wrongly: the audit counts those
            }
            if (stamped.publishedAtMillis() > prediction.scoredAtMillis()) {
                stampedBeforePublish++;
            }
            // Scored while a newer publish was still on its way to the holder: allowed (the
            // swap is not instant), but counted, since it is what staged swaps must shrink.
            if (prediction.epoch() < epochAt(byEpoch, prediction.scoredAtMillis())) {
                behindPointer++;
            }
            perEpoch.merge(prediction.epoch(), 1, Integer::sum);
        }
        ScoringAudit audit = ScoringAudit.of(member, IntStream.range(0, total).mapToObj(i -> "e-" + i).toList());
        System.out.printf("swap test: %s; epochs that scored %d of %d, scored while a newer publish was in flight %d%n",
                audit, perEpoch.size(), byEpoch.size(), behindPointer);

        assertThat(total).isGreaterThan(50_000);
        assertThat(all).hasSize(total);
        assertThat(audit.lost()).isZero();
        assertThat(audit.duplicated()).isZero();
        assertThat(audit.notDeployed()).isZero();
        assertThat(audit.journalOverflowed()).isFalse();
        assertThat(stampedBeforePublish).isZero();
        assertThat(ModelHolder.of(member).serving(MODEL).orElseThrow().epoch()).isEqualTo(101);
        // Swaps really happened mid-stream: many epochs scored events.
        assertThat(perEpoch.size()).isGreaterThan(80);
        assertThat(ScorerMaps.deadLetters(member).size()).isZero();
        job.cancel();
    }

    /** The newest epoch published at or before {@code millis}. */
    private static long epochAt(NavigableMap<Long, Deployment> byEpoch, long millis) {
        long epoch = byEpoch.firstKey();
        for (Deployment d : byEpoch.values()) {
            if (d.publishedAtMillis() <= millis) {
                epoch = Math.max(epoch, d.epoch());
            }
        }
        return epoch;
    }
}
