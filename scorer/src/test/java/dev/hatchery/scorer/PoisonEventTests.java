package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import com.hazelcast.nio.serialization.genericrecord.GenericRecordBuilder;
import com.hazelcast.sql.SqlResult;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TestMembers;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client puts into the events map, the scoring job keeps running: a value that is no
 * event is dead-lettered with what it is, removed from the map, and the next event is scored.
 */
@Tag("slow")
class PoisonEventTests {

    private static final String MODEL = "poison";

    private HazelcastInstance member;
    private IMap<Object, Object> raw;
    private IMap<String, DeadLetter> letters;
    private IMap<String, Prediction> predictions;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> ScorerMaps.configure(config, 100_000));
        ScorerMaps.createSqlMappings(member);
        ModelRegistry registry = ModelRegistry.on(member);
        registry.register(new Registration(MODEL, TestModels.logistic(8, 1), 400, 1.0, "test"));
        registry.publish(MODEL, 1, "test", "first");
        raw = member.getMap(ScorerMaps.EVENTS);
        letters = ScorerMaps.deadLetters(member);
        predictions = ScorerMaps.predictions(member);
    }

    @AfterEach
    void stop() {
        member.shutdown();
    }

    private Job startScoring() {
        Job job = ScoringPipeline.submit(member, JobSettings.DEFAULTS);
        await().atMost(Duration.ofSeconds(30)).until(() -> ModelHolder.of(member).serving(MODEL).isPresent());
        return job;
    }

    private static Event good(String id) {
        return new Event(id, MODEL, new double[] {1, 2, 3}, System.currentTimeMillis());
    }

    private static GenericRecordBuilder event(String id) {
        return GenericRecordBuilder.compact(ScorerSerializers.EVENT).setString("id", id).setString("model", MODEL);
    }

    /** Puts {@code poison} between two good events and returns its dead letter once the second is scored. */
    private DeadLetter poisonBetweenGoodEvents(String key, Object poison) {
        raw.set("before-" + key, good("before-" + key));
        raw.set(key, poison);
        raw.set("after-" + key, good("after-" + key));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> predictions.containsKey("after-" + key) && letters.containsKey("event:" + key));
        assertThat(predictions.containsKey("before-" + key)).isTrue();
        return letters.get("event:" + key);
    }

    private long countEventsBySql() {
        try (SqlResult result = member.getSql().execute("SELECT COUNT(*) FROM events")) {
            return result.iterator().next().<Long>getObject(0);
        }
    }

    @Nested
    class EachPoisonIsDeadLetteredWithWhatItIsAndScoringGoesOn {

        @Test
        void aCompactEventWhoseTimeIsFloat64AsAJavaScriptNumberIs() {
            Job job = startScoring();
            GenericRecord floatTime = event("f-1").setArrayOfFloat64("features", new double[] {1, 2, 3})
                    .setFloat64("time_millis", 1.7e12).build();

            DeadLetter letter = poisonBetweenGoodEvents("f-1", floatTime);

            assertThat(letter.reason()).contains("unreadable value in 'events'", "Compact hatchery.Event",
                    "'time_millis' is FLOAT64 (want INT64)");
            assertThat(letter.model()).isEqualTo(MODEL);
            assertThat(letter.payload()).contains("f-1", "time_millis");
            assertThat(job.getStatus()).isEqualTo(JobStatus.RUNNING);
        }

        @Test
        void aCompactEventWithoutFeaturesAsSqlWritesItIs() {
            startScoring();
            // What SINK INTO events ("__key", id, model, time_millis) writes: SQL cannot write an array.
            member.getSql().execute("SINK INTO events (\"__key\", id, model, time_millis) VALUES ('s-1', 's-1', '"
                    + MODEL + "', 1)").close();
            raw.set("after-s-1", good("after-s-1"));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> predictions.containsKey("after-s-1") && letters.containsKey("event:s-1"));
            assertThat(letters.get("event:s-1").reason()).contains("'features' is missing (want ARRAY_OF_FLOAT64)",
                    ScorerMaps.EVENTS_JSON);
        }

        @Test
        void jsonAForeignCompactTypeAStringAndANonStringKeyAre() {
            startScoring();
            Map<String, String> reasons = new TreeMap<>();
            reasons.put("json", poisonBetweenGoodEvents("json", new HazelcastJsonValue(
                    "{\"id\":\"json\",\"model\":\"" + MODEL + "\"}")).reason());
            reasons.put("foreign", poisonBetweenGoodEvents("foreign", GenericRecordBuilder.compact("shop.Order")
                    .setString("model", MODEL).setInt32("amount", 3).build()).reason());
            reasons.put("text", poisonBetweenGoodEvents("text", "1,2,3").reason());

            assertThat(reasons.get("json")).contains("a JSON value", "events_json");
            assertThat(reasons.get("foreign")).contains("a Compact record of type 'shop.Order'", "amount INT32");
            assertThat(reasons.get("text")).contains("a java.lang.String", "hatchery.Event");
            assertThat(letters.get("event:foreign").model()).isEqualTo(MODEL);

            raw.set(42, good("numbered"));
            await().atMost(Duration.ofSeconds(30)).until(() -> letters.containsKey("event:42"));
            assertThat(letters.get("event:42").reason()).contains("a key of type java.lang.Integer");
        }

        @Test
        void aValueOverAMegabyteIsWithoutBeingRead() {
            startScoring();
            Event huge = new Event("huge", MODEL, new double[200_000], System.currentTimeMillis());

            DeadLetter letter = poisonBetweenGoodEvents("huge", huge);

            assertThat(letter.reason()).contains("over the limit of 1048576");
            assertThat(letter.payload()).isEmpty();
        }
    }

    @Nested
    class TheEventsMapStaysQueryable {

        @Test
        void anUnreadableValueIsRemovedFromTheEventsMapSoSqlOverItWorksForEveryone() {
            startScoring();
            GenericRecord floatTime = event("f-2").setArrayOfFloat64("features", new double[] {1, 2, 3})
                    .setFloat64("time_millis", 1.7e12).build();
            poisonBetweenGoodEvents("f-2", floatTime);

            await().atMost(Duration.ofSeconds(10)).until(() -> !raw.containsKey("f-2"));
            assertThat(countEventsBySql()).isEqualTo(2);
        }

        @Test
        void aValueAProducerWroteOverThePoisonIsKeptAndScored() {
            GenericRecord noFeatures = event("r-1").setInt64("time_millis", 1).build();
            raw.set("r-1", noFeatures);
            raw.set("r-1", good("r-1"));
            startScoring();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> predictions.containsKey("r-1") && letters.containsKey("event:r-1"));
            assertThat(raw.get("r-1")).isInstanceOf(Event.class);
        }

        @Test
        void aWellFormedEventThatCannotBeScoredStaysForARedrive() {
            startScoring();
            raw.set("unknown", new Event("unknown", "no-such-model", new double[] {1, 2, 3}, 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> letters.containsKey("event:unknown"));
            assertThat(raw.containsKey("unknown")).isTrue();
        }
    }

    @Test
    void poisonWrittenBeforeTheJobStartsAndReplayedAfterARestartNeverStopsIt() {
        raw.set("early", GenericRecordBuilder.compact(ScorerSerializers.EVENT).setString("id", "early").build());
        Job job = startScoring();
        raw.set("next", good("next"));
        await().atMost(Duration.ofSeconds(30)).until(() -> predictions.containsKey("next"));

        job.restart();
        raw.set("after-restart", good("after-restart"));
        await().atMost(Duration.ofSeconds(60)).until(() -> predictions.containsKey("after-restart"));
        assertThat(job.getStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(letters.get("event:early").reason()).contains("'features' is missing", "'time_millis' is missing");
    }
}
