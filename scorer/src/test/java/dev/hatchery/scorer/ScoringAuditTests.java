package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TestMembers;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit counts what the maps hold, so that the loop's counts can be trusted. */
class ScoringAuditTests {

    private static final String MODEL = "audit";

    private HazelcastInstance member;
    private IMap<String, Prediction> predictions;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> ScorerMaps.configure(config, 100_000));
        ModelRegistry registry = ModelRegistry.on(member);
        registry.register(new Registration(MODEL, TestModels.logistic(8, 1), 400, 1.0, "test"));
        registry.register(new Registration(MODEL, TestModels.logistic(9, 2), 400, 1.0, "test"));
        registry.publish(MODEL, 1, "test", "one");
        registry.publish(MODEL, 2, "test", "two");
        predictions = ScorerMaps.predictions(member);
    }

    @AfterEach
    void stop() {
        member.shutdown();
    }

    private static Prediction prediction(String id, int version, long epoch, long job, long execution) {
        return new Prediction(id, MODEL, version, epoch, 0, "no", 0.9, new double[] {0.9, 0.1}, new double[] {1, 2, 3}, 0, 0, job, execution);
    }

    @Test
    void tellsReplaysFromDuplicatesAndFindsTheLostAndTheWronglyStamped() {
        predictions.set("once", prediction("once", 1, 1, 7, 100));
        // Rescored by a restored execution of the same job: the design's overwrite.
        predictions.set("replayed", prediction("replayed", 1, 1, 7, 100));
        predictions.set("replayed", prediction("replayed", 2, 2, 7, 101));
        // Written twice by one execution, and by two jobs: both are double scoring.
        predictions.set("twice", prediction("twice", 2, 2, 7, 101));
        predictions.set("twice", prediction("twice", 2, 2, 7, 101));
        predictions.set("two-jobs", prediction("two-jobs", 2, 2, 7, 101));
        predictions.set("two-jobs", prediction("two-jobs", 2, 2, 8, 200));
        // Version 1 never served at epoch 2.
        predictions.set("wrong", prediction("wrong", 1, 2, 7, 101));
        ScorerMaps.deadLetters(member).set("event:dead", new DeadLetter("event:dead", "event", MODEL, "bad", "", 0));

        ScoringAudit audit = ScoringAudit.of(member, List.of("once", "replayed", "twice", "two-jobs", "wrong", "dead",
                "missing"));

        assertThat(audit.events()).isEqualTo(7);
        assertThat(audit.predictions()).isEqualTo(5);
        assertThat(audit.deadLettered()).isEqualTo(1);
        assertThat(audit.lost()).isEqualTo(1);
        assertThat(audit.replayed()).isEqualTo(1);
        assertThat(audit.duplicated()).isEqualTo(2);
        assertThat(audit.notDeployed()).isEqualTo(1);
        assertThat(audit.executions()).isEqualTo(3);
        assertThat(audit.journalOverflowed()).isFalse();
    }

    @Test
    void findsTheEventsOfOneModelFromATimeOnToAudit() {
        IMap<String, Event> events = ScorerMaps.events(member);
        events.set("early", new Event("early", MODEL, new double[] {1, 2, 3}, 100));
        events.set("at", new Event("at", MODEL, new double[] {1, 2, 3}, 200));
        events.set("late", new Event("late", MODEL, new double[] {1, 2, 3}, 300));
        events.set("other", new Event("other", "other-model", new double[] {1, 2, 3}, 300));
        predictions.set("at", prediction("at", 2, 2, 7, 101));

        List<String> ids = ScoringAudit.eventIds(member, MODEL, 200);
        ScoringAudit audit = ScoringAudit.of(member, ids);

        assertThat(ids).containsExactly("at", "late");
        assertThat(audit.events()).isEqualTo(2);
        assertThat(audit.predictions()).isEqualTo(1);
        assertThat(audit.lost()).as("'late' has neither a prediction nor a dead letter").isEqualTo(1);
        assertThat(ScoringAudit.eventIds(member, MODEL, Long.MIN_VALUE)).containsExactly("at", "early", "late");
        assertThat(ScoringAudit.eventIds(member, "nobody", Long.MIN_VALUE)).isEmpty();
    }
}
