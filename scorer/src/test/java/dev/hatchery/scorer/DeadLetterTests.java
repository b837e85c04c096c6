package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.ModelCodec;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.Tampering;
import dev.hatchery.registry.TestMembers;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Malformed events are kept with their reason, and scoring goes on. */
class DeadLetterTests {

    private static final String MODEL = "letters";

    private HazelcastInstance member;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> ScorerMaps.configure(config, 1_000_000));
        ModelRegistry registry = ModelRegistry.on(member);
        registry.register(new Registration(MODEL, TestModels.logistic(8, 1), 400, 1.0, "test"));
        registry.publish(MODEL, 1, "test", "first");
    }

    @AfterEach
    void stop() {
        member.shutdown();
    }

    @Test
    void eachKindOfMalformedEventIsKeptWithItsReasonAndTheJobKeepsScoring() {
        Job job = ScoringPipeline.submit(member, JobSettings.DEFAULTS);
        await().atMost(Duration.ofSeconds(30)).until(() -> ModelHolder.of(member).serving(MODEL).isPresent());
        IMap<String, Event> events = ScorerMaps.events(member);
        long now = System.currentTimeMillis();

        events.set("ok-1", new Event("ok-1", MODEL, new double[] {1, 2, 3}, now));
        events.set("k-no-id", new Event(null, MODEL, new double[] {1, 2, 3}, now));
        events.set("k-blank-id", new Event(" ", MODEL, new double[] {1, 2, 3}, now));
        events.set("k-four", new Event("four", MODEL, new double[] {1, 2, 3, 4}, now));
        events.set("k-nan", new Event("nan", MODEL, new double[] {1, Double.NaN, 3}, now));
        events.set("k-inf", new Event("inf", MODEL, new double[] {1, 2, Double.POSITIVE_INFINITY}, now));
        events.set("k-none", new Event("none", MODEL, null, now));
        events.set("k-unknown-model", new Event("unknown", "no-such-model", new double[] {1, 2, 3}, now));
        events.set("ok-2", new Event("ok-2", MODEL, new double[] {9, 9, 9}, now));

        IMap<String, DeadLetter> letters = ScorerMaps.deadLetters(member);
        IMap<String, Prediction> predictions = ScorerMaps.predictions(member);
        await().atMost(Duration.ofSeconds(20)).until(() -> letters.size() == 7 && predictions.size() == 2);

        Map<String, String> reasons = new java.util.TreeMap<>();
        letters.forEach((key, letter) -> reasons.put(key, letter.reason()));
        assertThat(reasons).containsOnlyKeys("event:k-no-id", "event:k-blank-id", "event:k-four", "event:k-nan",
                "event:k-inf", "event:k-none", "event:k-unknown-model");
        assertThat(reasons.get("event:k-no-id")).isEqualTo("event has no id");
        assertThat(reasons.get("event:k-blank-id")).isEqualTo("event has no id");
        assertThat(reasons.get("event:k-four")).contains("event has 4 features", "expects 3", "[x1, x2, x3]");
        assertThat(reasons.get("event:k-nan")).contains("non-finite value NaN at feature 1");
        assertThat(reasons.get("event:k-inf")).contains("non-finite value Infinity at feature 2");
        assertThat(reasons.get("event:k-none")).contains("has no features");
        assertThat(reasons.get("event:k-unknown-model")).contains("no version of model 'no-such-model' is deployed");
        assertThat(letters.get("event:k-four").payload()).contains("[1.0, 2.0, 3.0, 4.0]");
        assertThat(predictions.keySet()).containsExactlyInAnyOrder("ok-1", "ok-2");

        // Still running and still scoring after all of that.
        events.set("ok-3", new Event("ok-3", MODEL, new double[] {5, 5, 5}, now));
        await().atMost(Duration.ofSeconds(10)).until(() -> predictions.containsKey("ok-3"));
        assertThat(job.getStatus()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void anEventOfAModelWhoseOnlyDeployedVersionWasRefusedSaysWhy() {
        byte[] garbage = new byte[4096];
        new Random(3).nextBytes(garbage);
        Tampering.registerBytes(member, "broken", TestModels.FEATURES, TestModels.CLASSES, garbage,
                ModelCodec.sha256(garbage));
        ModelRegistry registry = ModelRegistry.on(member);
        registry.publish("broken", 1, "test", "its only version");
        ScoringPipeline.submit(member, JobSettings.DEFAULTS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !registry.refusals("broken").isEmpty());

        ScorerMaps.events(member).set("b-1", new Event("b-1", "broken", new double[] {1, 2, 3},
                System.currentTimeMillis()));

        IMap<String, DeadLetter> letters = ScorerMaps.deadLetters(member);
        await().atMost(Duration.ofSeconds(20)).until(() -> letters.containsKey("event:b-1"));
        assertThat(letters.get("event:b-1").reason()).contains("refused broken/v1", "serves no other",
                "corrupt model bytes");
    }

    @Test
    void aRedriveResendsTheEventsStillInTheEventsMapThatTheVersionDidNotTrainOnAndKeepsTheOtherLetters() {
        ScoringPipeline.submit(member, JobSettings.DEFAULTS);
        IMap<String, Event> events = ScorerMaps.events(member);
        events.set("u-1", new Event("u-1", "later", new double[] {1, 2, 3}, System.currentTimeMillis()));
        events.set("u-2", new Event("u-2", "later", new double[] {3, 2, 1}, System.currentTimeMillis()));
        events.set("u-3", new Event("u-3", "later", new double[] {2, 2, 2}, System.currentTimeMillis()));
        IMap<String, DeadLetter> letters = ScorerMaps.deadLetters(member);
        await().atMost(Duration.ofSeconds(20)).until(() -> letters.size() == 3);
        events.delete("u-2");

        ModelRegistry registry = ModelRegistry.on(member);
        registry.register(new Registration("later", TestModels.logistic(8, 1), 400, 1.0, "test"));
        registry.publish("later", 1, "test", "first");
        await().atMost(Duration.ofSeconds(20)).until(() -> ModelHolder.of(member).serving("later").isPresent());

        assertThat(Redrive.deadLetters(member, "later", null, Set.of("u-3"))).isEqualTo(new Redrive(1, 1, 1));
        IMap<String, Prediction> predictions = ScorerMaps.predictions(member);
        await().atMost(Duration.ofSeconds(20)).until(() -> predictions.containsKey("u-1"));
        assertThat(predictions.get("u-1").version()).isEqualTo(1);
        assertThat(letters.keySet()).containsExactlyInAnyOrder("event:u-2", "event:u-3");
        assertThat(predictions.containsKey("u-3")).as("v1 trained on it").isFalse();
    }
}
