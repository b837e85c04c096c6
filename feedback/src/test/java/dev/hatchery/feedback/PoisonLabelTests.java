package dev.hatchery.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.genericrecord.GenericRecordBuilder;
import com.hazelcast.sql.SqlResult;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.scorer.DeadLetter;
import dev.hatchery.scorer.JobSettings;
import dev.hatchery.scorer.Prediction;
import dev.hatchery.scorer.ScorerMaps;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Whatever a client puts into the labels map, the feedback job keeps joining and SQL over labels keeps working. */
@Tag("slow")
class PoisonLabelTests {

    private static final String MODEL = "fb";
    private static final List<String> CLASSES = List.of("cat", "dog");

    private HazelcastInstance member;
    private IMap<Object, Object> labels;
    private IMap<String, Outcome> outcomes;
    private IMap<String, DeadLetter> letters;
    private Job job;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> {
            ScorerMaps.configure(config, 100_000);
            FeedbackMaps.configure(config, 100_000, FeedbackSettings.DEFAULTS);
        });
        FeedbackMaps.createSqlMappings(member);
        ModelRegistry.on(member).register(new Registration(MODEL, FeedbackPipelineTests.model(), 10, 1.0, "test"));
        labels = member.getMap(FeedbackMaps.LABELS);
        outcomes = FeedbackMaps.outcomes(member);
        letters = ScorerMaps.deadLetters(member);
        job = FeedbackPipeline.submit(member, FeedbackSettings.DEFAULTS, JobSettings.DEFAULTS);
    }

    @AfterEach
    void stop() {
        member.shutdown();
    }

    private void predict(String id) {
        ScorerMaps.predictions(member).set(id, new Prediction(id, MODEL, 1, 1, 0, "cat", 0.9, new double[] {0.9, 0.1},
                new double[] {0}, 1_000, 0, 1, 1));
    }

    private long countLabelsBySql() {
        try (SqlResult result = member.getSql().execute("SELECT COUNT(*) FROM labels")) {
            return result.iterator().next().<Long>getObject(0);
        }
    }

    @Test
    void aLabelWhoseTimeIsFloat64IsDeadLetteredAndRemovedSoSqlOverLabelsWorksForEveryone() {
        predict("e1");
        predict("e2");
        predict("e3");
        labels.set("e1", new Label("e1", MODEL, "cat", 5));
        // What a JavaScript producer writes when it forgets writeInt64: the time as a number.
        labels.set("e2", GenericRecordBuilder.compact(LabelSerializer.TYPE_NAME).setString("event_id", "e2")
                .setString("model", MODEL).setString("label", "dog").setFloat64("time_millis", 6.0).build());
        member.getSql().execute("SINK INTO labels (\"__key\", event_id, model, label, time_millis) VALUES ('e3', 'e3', '"
                + MODEL + "', 'dog', 7)").close();

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.containsKey("e1") && outcomes.containsKey("e3")
                && letters.containsKey("label:e2") && !labels.containsKey("e2"));
        assertThat(letters.get("label:e2").reason()).contains("unreadable value in 'labels'", "Compact hatchery.Label",
                "'time_millis' is FLOAT64 (want INT64)");
        assertThat(letters.get("label:e2").model()).isEqualTo(MODEL);
        assertThat(outcomes.containsKey("e2")).isFalse();
        assertThat(countLabelsBySql()).isEqualTo(2);
        assertThat(outcomes.get("e3").trueLabel()).as("a label written by SQL joins").isEqualTo("dog");
    }

    @Test
    void jsonAForeignTypeAndALabelWithoutEventIdAreDeadLetteredAndTheNextLabelJoins() {
        labels.set("j", new HazelcastJsonValue("{\"event_id\":\"j\",\"label\":\"cat\"}"));
        labels.set("t", "cat");
        labels.set("n", new Label(null, MODEL, "cat", 1));
        labels.set("m", new Label("m", MODEL, null, 1));
        predict("e9");
        labels.set("e9", new Label("e9", MODEL, "dog", 9));

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.containsKey("e9") && letters.size() == 4);
        assertThat(letters.get("label:j").reason()).contains("a JSON value", "hatchery.Label");
        assertThat(letters.get("label:t").reason()).contains("a java.lang.String");
        assertThat(letters.get("label:n").reason()).isEqualTo("label names no event (event_id)");
        assertThat(letters.get("label:m").reason()).isEqualTo("label of event m has no label");
        assertThat(labels.containsKey("j")).isFalse();
        assertThat(labels.containsKey("n")).as("readable, so SQL still reads it").isTrue();
        assertThat(job.getStatus()).isEqualTo(JobStatus.RUNNING);
    }
}
