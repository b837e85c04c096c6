package dev.hatchery.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.sql.SqlResult;
import com.hazelcast.sql.SqlRow;
import dev.hatchery.feedback.drift.DdmSettings;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.scorer.DeadLetter;
import dev.hatchery.scorer.JobSettings;
import dev.hatchery.scorer.Prediction;
import dev.hatchery.scorer.ScorerMaps;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import smile.classification.LogisticRegression;

class FeedbackPipelineTests {

    private static final String MODEL = "fb";
    private static final List<String> CLASSES = List.of("cat", "dog");

    private HazelcastInstance member;
    private IMap<String, Prediction> predictions;
    private IMap<String, Label> labels;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> {
            ScorerMaps.configure(config, 1_000_000);
            FeedbackMaps.configure(config, 1_000_000);
        });
        FeedbackMaps.createSqlMappings(member);
        ModelRegistry registry = ModelRegistry.on(member);
        registry.register(new Registration(MODEL, model(), 10, 1.0, "test"));
        registry.register(new Registration(MODEL, model(), 10, 1.0, "test"));
        predictions = ScorerMaps.predictions(member);
        labels = FeedbackMaps.labels(member);
    }

    @AfterEach
    void stop() {
        member.shutdown();
    }

    private static TrainedModel model() {
        double[][] x = {{0}, {1}, {0.1}, {0.9}};
        int[] y = {0, 1, 0, 1};
        return TrainedModel.of(Algorithm.LOGISTIC_REGRESSION, List.of("x"), CLASSES,
                LogisticRegression.fit(x, y, new LogisticRegression.Options(0.1, 1e-5, 100)));
    }

    private static Prediction prediction(String id, int version, long epoch, int predicted) {
        return new Prediction(id, MODEL, version, epoch, predicted, CLASSES.get(predicted), 0.9, new double[] {predicted},
                1_000 + Long.parseLong(id.substring(1)), 0, 1, 1);
    }

    private static Label label(String id, String word) {
        return new Label(id, MODEL, word, 0);
    }

    @Test
    void joinsEachLabelToItsPredictionWhicheverComesFirstAndTheFirstLabelWins() {
        FeedbackPipeline.submit(member, FeedbackSettings.DEFAULTS, JobSettings.DEFAULTS);
        predictions.set("e1", prediction("e1", 1, 1, 0));
        labels.set("e1", label("e1", "cat"));
        labels.set("e2", label("e2", "dog"));
        labels.set("e3", label("e3", "dog"));
        labels.set("e3", label("e3", "cat"));
        predictions.set("e2", prediction("e2", 1, 1, 0));
        predictions.set("e3", prediction("e3", 1, 1, 1));
        labels.set("e4", label("e4", "parrot"));
        predictions.set("e4", prediction("e4", 1, 1, 1));
        predictions.set("e5", prediction("e5", 1, 1, 1));

        IMap<String, Outcome> outcomes = FeedbackMaps.outcomes(member);
        IMap<String, DeadLetter> letters = ScorerMaps.deadLetters(member);
        await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.size() == 3 && letters.size() == 1);

        assertThat(outcomes.get("e1").correct()).isTrue();
        assertThat(outcomes.get("e2").trueLabel()).isEqualTo("dog");
        assertThat(outcomes.get("e2").correct()).isFalse();
        assertThat(outcomes.get("e3").trueLabel()).as("the first label wins").isEqualTo("dog");
        assertThat(outcomes.get("e3").features()).containsExactly(1.0);
        assertThat(outcomes.containsKey("e5")).as("not labelled yet").isFalse();
        assertThat(letters.get("label:e4").reason())
                .contains("label 'parrot' of event e4 is not a class of model 'fb' v1", "[cat, dog]");
    }

    @Test
    void qualityPerVersionMatchesAPlainCountAndIsQueryableWithSql() {
        FeedbackPipeline.submit(member, FeedbackSettings.DEFAULTS, JobSettings.DEFAULTS);
        Random random = new Random(3);
        Map<Integer, int[]> expected = new HashMap<>();
        Map<String, Prediction> batch = new HashMap<>();
        Map<String, Label> truth = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            String id = "e" + i;
            int version = i < 1_200 ? 1 : 2;
            int predicted = random.nextInt(2);
            int actual = random.nextDouble() < (version == 1 ? 0.7 : 0.9) ? predicted : 1 - predicted;
            batch.put(id, prediction(id, version, version, predicted));
            truth.put(id, label(id, CLASSES.get(actual)));
            int[] counts = expected.computeIfAbsent(version, v -> new int[2]);
            counts[0]++;
            counts[1] += predicted == actual ? 1 : 0;
        }
        predictions.putAll(batch);
        labels.putAll(truth);

        IMap<String, VersionQuality> quality = FeedbackMaps.quality(member);
        await().atMost(Duration.ofSeconds(30)).until(() -> quality.containsKey("fb/v2")
                && quality.get("fb/v1").labelled() + quality.get("fb/v2").labelled() == 2_000);
        for (int version : List.of(1, 2)) {
            VersionQuality q = quality.get(VersionQuality.key(MODEL, version));
            assertThat(q.labelled()).isEqualTo(expected.get(version)[0]);
            assertThat(q.correct()).isEqualTo(expected.get(version)[1]);
        }
        try (SqlResult result = member.getSql().execute(
                "SELECT version, accuracy FROM quality WHERE model = ? ORDER BY version", MODEL)) {
            Map<Integer, Double> accuracy = new HashMap<>();
            for (SqlRow row : result) {
                accuracy.put(row.getObject("version"), row.getObject("accuracy"));
            }
            assertThat(accuracy.get(1)).isEqualTo((double) expected.get(1)[1] / expected.get(1)[0]);
            assertThat(accuracy.get(2)).isEqualTo((double) expected.get(2)[1] / expected.get(2)[0]);
        }
    }

    @Test
    void raisesADriftSignalWhenTheServingVersionStartsToErr() {
        FeedbackSettings settings = new FeedbackSettings(600_000, new DdmSettings(300, 2.0, 3.0), 200, 50, 100, 1.0);
        FeedbackPipeline.submit(member, settings, JobSettings.DEFAULTS);
        Random random = new Random(9);
        IMap<String, Outcome> outcomes = FeedbackMaps.outcomes(member);
        IMap<String, DriftSignal> signals = FeedbackMaps.driftSignals(member);
        // Labels arrive in two phases, as they would over time: first a good spell, then a bad one.
        sendJudged(random, 0, 2_000, 0.05);
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() == 2_000);

        sendJudged(random, 2_000, 4_000, 0.4);
        await().atMost(Duration.ofSeconds(30)).until(() -> signals.containsKey(MODEL)
                && Long.parseLong(signals.get(MODEL).detectedAtEventId().substring(1)) >= 2_000);
        DriftSignal signal = signals.get(MODEL);
        assertThat(signal.version()).isEqualTo(1);
        assertThat(signal.errorRate()).isGreaterThan(0.05);
        assertThat(FeedbackMaps.health(member).get(MODEL)).isNotNull();
    }

    private void sendJudged(Random random, int from, int to, double errorRate) {
        Map<String, Prediction> batch = new HashMap<>();
        Map<String, Label> truth = new HashMap<>();
        for (int i = from; i < to; i++) {
            String id = "e" + i;
            int predicted = random.nextInt(2);
            int actual = random.nextDouble() < errorRate ? 1 - predicted : predicted;
            batch.put(id, prediction(id, 1, 1, predicted));
            truth.put(id, label(id, CLASSES.get(actual)));
        }
        predictions.putAll(batch);
        labels.putAll(truth);
    }
}
