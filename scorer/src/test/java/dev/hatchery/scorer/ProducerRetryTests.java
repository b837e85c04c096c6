package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TestMembers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A producer that writes an event again, not knowing whether its first write landed, gets it scored once. */
class ProducerRetryTests {

    private static final String MODEL = "retry";

    private HazelcastInstance member;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> ScorerMaps.configure(config, 100_000));
        ModelRegistry registry = ModelRegistry.on(member);
        registry.register(new Registration(MODEL, TestModels.logistic(8, 1), 400, 1.0, "test"));
        registry.publish(MODEL, 1, "test", "first");
    }

    @AfterEach
    void stop() {
        member.shutdown();
    }

    @Test
    void theSameEventWrittenTwiceIsScoredOnceAndAChangedOneAgain() {
        ScoringPipeline.submit(member, JobSettings.DEFAULTS);
        await().atMost(Duration.ofSeconds(30)).until(() -> ModelHolder.of(member).serving(MODEL).isPresent());
        IMap<String, Event> events = ScorerMaps.events(member);
        events.set("a", new Event("a", MODEL, new double[] {1, 2, 3}, 5));
        events.set("a", new Event("a", MODEL, new double[] {1, 2, 3}, 5));
        events.set("b", new Event("b", MODEL, new double[] {4, 5, 6}, 6));
        events.set("b", new Event("b", MODEL, new double[] {4, 5, 7}, 6));
        events.set("c", new Event("c", MODEL, new double[] {7, 8, 9}, 7));

        IMap<String, Prediction> predictions = ScorerMaps.predictions(member);
        await().atMost(Duration.ofSeconds(30)).until(() -> predictions.size() == 3
                && ScoringAudit.of(member, List.of("b")).duplicated() == 1);

        // "a" came twice unchanged: written once. "b" changed, so it was scored again: the audit
        // counts that second write, as it should.
        assertThat(ScoringAudit.of(member, List.of("a")).duplicated()).isZero();
        ScoringAudit audit = ScoringAudit.of(member, List.of("a", "b", "c"));
        assertThat(audit.predictions()).isEqualTo(3);
        assertThat(audit.duplicated()).isEqualTo(1);
    }
}
