package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TestMembers;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events written as JSON into events_json, features by name, are scored as the same events written as Compact. */
class JsonEventTests {

    private static final String MODEL = "json";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private HazelcastInstance member;
    private IMap<String, Object> json;
    private IMap<String, Prediction> predictions;
    private IMap<String, DeadLetter> letters;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> ScorerMaps.configure(config, 100_000));
        ScorerMaps.createSqlMappings(member);
        json = member.getMap(ScorerMaps.EVENTS_JSON);
        predictions = ScorerMaps.predictions(member);
        letters = ScorerMaps.deadLetters(member);
    }

    @AfterEach
    void stop() {
        member.shutdown();
    }

    private void publish() {
        ModelRegistry registry = ModelRegistry.on(member);
        registry.register(new Registration(MODEL, TestModels.logistic(8, 1), 400, 1.0, "test"));
        registry.publish(MODEL, 1, "test", "first");
        await().atMost(PATIENCE).until(() -> ModelHolder.of(member).serving(MODEL).isPresent());
    }

    private static HazelcastJsonValue event(String id, String features) {
        return new HazelcastJsonValue("{\"id\": \"" + id + "\", \"model\": \"" + MODEL + "\", \"features\": {" + features
                + "}, \"time_millis\": 1767225600000}");
    }

    @Test
    void aJsonEventIsScoredExactlyAsTheSameCompactEventWhateverTheOrderOfItsFeatureNames() {
        publish();
        ScoringPipeline.submit(member, JobSettings.DEFAULTS);
        ScorerMaps.events(member).set("c-1", new Event("c-1", MODEL, new double[] {0.5, -1.25, 3}, 1_767_225_600_000L));
        json.set("j-1", event("j-1", "\"x3\": 3, \"x1\": 0.5, \"x2\": -1.25"));
        member.getSql().execute("SINK INTO events_json (\"__key\", this) VALUES (?, CAST(? AS JSON))", "j-2",
                event("j-2", "\"x1\": 0.5, \"x2\": -1.25, \"x3\": 3").toString()).close();

        await().atMost(PATIENCE).until(() -> predictions.keySet().containsAll(Set.of("c-1", "j-1", "j-2")));
        Prediction compact = predictions.get("c-1");
        for (String id : new String[] {"j-1", "j-2"}) {
            Prediction fromJson = predictions.get(id);
            assertThat(fromJson.features()).containsExactly(0.5, -1.25, 3);
            assertThat(fromJson.probabilities()).containsExactly(compact.probabilities());
            assertThat(fromJson.version()).isEqualTo(1);
            assertThat(fromJson.eventTimeMillis()).isEqualTo(1_767_225_600_000L);
        }
    }

    @Test
    void missingOrUnknownFeatureNamesAreDeadLetteredAndTheEventStaysForARedrive() {
        publish();
        ScoringPipeline.submit(member, JobSettings.DEFAULTS);
        json.set("missing", event("missing", "\"x1\": 1, \"x2\": 2"));
        json.set("extra", event("extra", "\"x1\": 1, \"x2\": 2, \"x3\": 3, \"colour\": 4"));
        json.set("ok", event("ok", "\"x1\": 1, \"x2\": 2, \"x3\": 3"));

        await().atMost(PATIENCE).until(() -> predictions.containsKey("ok") && letters.size() == 2);
        assertThat(letters.get(DeadLetter.keyOfJsonEvent("missing")).reason())
                .contains("event missing lacks the features [x3]", "model 'json' v1 has the features [x1, x2, x3]");
        assertThat(letters.get(DeadLetter.keyOfJsonEvent("extra")).reason())
                .contains("has features the model does not know [colour]");
        assertThat(letters.get(DeadLetter.keyOfJsonEvent("extra")).source()).isEqualTo(DeadLetter.EVENT_SOURCE);
        assertThat(json.keySet()).contains("missing", "extra");
    }

    @Test
    void jsonOfAnotherShapeOrAnotherTypeIsDeadLetteredWithWhatIsWrongAndRemoved() {
        publish();
        ScoringPipeline.submit(member, JobSettings.DEFAULTS);
        json.set("array", new HazelcastJsonValue("{\"id\": \"array\", \"model\": \"json\", \"features\": [1, 2, 3],"
                + " \"time_millis\": \"soon\"}"));
        json.set("garbage", new HazelcastJsonValue("{not json"));
        json.set("compact", new Event("compact", MODEL, new double[] {1, 2, 3}, 1));
        json.set("ok", event("ok", "\"x1\": 1, \"x2\": 2, \"x3\": 3"));

        await().atMost(PATIENCE).until(() -> predictions.containsKey("ok") && letters.size() == 3
                && json.size() == 1);
        assertThat(letters.get(DeadLetter.keyOfJsonEvent("array")).reason()).contains(
                "\"features\" is array (want an object of numbers by feature name)",
                "\"time_millis\" is string \"soon\" (want an integer");
        assertThat(letters.get(DeadLetter.keyOfJsonEvent("array")).model()).isEqualTo(MODEL);
        assertThat(letters.get(DeadLetter.keyOfJsonEvent("garbage")).reason()).contains("text that is not JSON");
        assertThat(letters.get(DeadLetter.keyOfJsonEvent("compact")).reason())
                .contains("a dev.hatchery.scorer.Event", "holds JSON");
        try (var rows = member.getSql().execute("SELECT COUNT(*) FROM events_json")) {
            assertThat(rows.iterator().next().<Long>getObject(0)).isEqualTo(1);
        }
    }

    @Test
    void aJsonEventThatCameBeforeItsModelIsRedrivenFromEventsJson() {
        ScoringPipeline.submit(member, JobSettings.DEFAULTS);
        json.set("early", event("early", "\"x1\": 1, \"x2\": 2, \"x3\": 3"));
        await().atMost(PATIENCE).until(() -> letters.containsKey(DeadLetter.keyOfJsonEvent("early")));
        publish();

        assertThat(Redrive.deadLetters(member, MODEL, null, Set.of())).isEqualTo(new Redrive(1, 0, 0));
        await().atMost(PATIENCE).until(() -> predictions.containsKey("early"));
        assertThat(letters.containsKey(DeadLetter.keyOfJsonEvent("early"))).isFalse();
    }
}
