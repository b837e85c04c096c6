package dev.hatchery.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.sql.SqlResult;
import com.hazelcast.sql.SqlRow;
import dev.hatchery.feedback.datadrift.DataDriftSettings;
import dev.hatchery.feedback.datadrift.FeatureReference;
import dev.hatchery.feedback.drift.DdmSettings;
import dev.hatchery.feedback.drift.DetectorSettings;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.Patience;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import smile.classification.LogisticRegression;

@Tag("slow")
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
            FeedbackMaps.configure(config, 1_000_000, FeedbackSettings.DEFAULTS);
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

    static TrainedModel model() {
        double[][] x = {{0}, {1}, {0.1}, {0.9}};
        int[] y = {0, 1, 0, 1};
        return TrainedModel.of(Algorithm.LOGISTIC_REGRESSION, List.of("x"), CLASSES,
                LogisticRegression.fit(x, y, new LogisticRegression.Options(0.1, 1e-5, 100)));
    }

    private static Prediction prediction(String id, int version, long epoch, int predicted) {
        return new Prediction(id, MODEL, version, epoch, predicted, CLASSES.get(predicted), 0.9,
                predicted == 0 ? new double[] {0.9, 0.1} : new double[] {0.1, 0.9}, new double[] {predicted},
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
        await().atMost(Patience.of(Duration.ofSeconds(20))).until(() -> outcomes.size() == 3 && letters.size() == 1);

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
    void qualityPerVersionAndWindowMatchesAPlainCountAndIsQueryableWithSqlFromAClient() {
        FeedbackSettings settings = new FeedbackSettings(600_000, DdmSettings.DEFAULTS, 1_000, 250, 500, 0.05,
                new QualityWindows(1_000, 2_000, 1_000), 86_400_000, Map.of(), DataDriftSettings.DEFAULTS, Map.of());
        FeedbackPipeline.submit(member, settings, JobSettings.DEFAULTS);
        Random random = new Random(3);
        // key "version/tumbling end" → {scored, labelled, correct, true-dog predicted-cat}
        Map<String, long[]> expected = new HashMap<>();
        Map<String, Prediction> batch = new HashMap<>();
        Map<String, Label> truth = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            String id = "e" + i;
            int version = i < 1_200 ? 1 : 2;
            int predicted = random.nextInt(2);
            int actual = random.nextDouble() < (version == 1 ? 0.7 : 0.9) ? predicted : 1 - predicted;
            Prediction prediction = prediction(id, version, version, predicted);
            batch.put(id, prediction);
            long end = (prediction.eventTimeMillis() / 1_000) * 1_000 + 1_000;
            long[] counts = expected.computeIfAbsent(version + "/" + end, key -> new long[4]);
            counts[0]++;
            if (i % 4 != 0) {
                // a quarter of the events are never labelled: coverage 3/4
                truth.put(id, label(id, CLASSES.get(actual)));
                counts[1]++;
                counts[2] += predicted == actual ? 1 : 0;
                counts[3] += actual == 1 && predicted == 0 ? 1 : 0;
            }
        }
        predictions.putAll(batch);
        labels.putAll(truth);

        IMap<String, WindowQuality> quality = FeedbackMaps.quality(member);
        await().atMost(Patience.of(Duration.ofSeconds(30))).until(() -> tumbling(quality).stream()
                .mapToLong(WindowQuality::labelled).sum() == truth.size());
        List<WindowQuality> rows = tumbling(quality);
        assertThat(rows).hasSize(expected.size());
        for (WindowQuality row : rows) {
            long[] counts = expected.get(row.version() + "/" + row.windowEnd());
            assertThat(row.scored()).as(row.key()).isEqualTo(counts[0]);
            assertThat(row.labelled()).as(row.key()).isEqualTo(counts[1]);
            assertThat(row.correct()).as(row.key()).isEqualTo(counts[2]);
            assertThat(row.confusion(1, 0)).as(row.key()).isEqualTo(counts[3]);
            assertThat(row.coverage()).isEqualTo((double) counts[1] / counts[0]);
            assertThat(row.accuracy()).isEqualTo((double) counts[2] / counts[1]);
            // two classes: every outcome's true-class probability is known (0.9 right, 0.1 wrong)
            double logLoss = (counts[2] * -Math.log(0.9) + (counts[1] - counts[2]) * -Math.log(0.1)) / counts[1];
            assertThat(row.logLoss()).isCloseTo(logLoss, org.assertj.core.data.Offset.offset(1e-9));
        }
        // A sliding window of 2 s counts each event in two windows.
        await().atMost(Patience.of(Duration.ofSeconds(30))).until(() -> quality.values().stream()
                .filter(q -> q.windowKind().equals("sliding")).mapToLong(WindowQuality::scored).sum() == 4_000);

        HazelcastInstance client = client();
        try (SqlResult result = client.getSql().execute("SELECT version, window_end, accuracy FROM quality "
                + "WHERE model = ? AND window_kind = 'tumbling' ORDER BY window_end", MODEL)) {
            int count = 0;
            for (SqlRow row : result) {
                long[] counts = expected.get(row.<Integer>getObject("version") + "/" + row.<Long>getObject("window_end"));
                assertThat(row.<Double>getObject("accuracy")).isEqualTo((double) counts[2] / counts[1]);
                count++;
            }
            assertThat(count).isEqualTo(expected.size());
        } finally {
            client.shutdown();
        }
    }

    private static List<WindowQuality> tumbling(IMap<String, WindowQuality> quality) {
        return quality.values().stream().filter(q -> q.windowKind().equals("tumbling")).toList();
    }

    private HazelcastInstance client() {
        ClientConfig config = new ClientConfig().setClusterName(member.getConfig().getClusterName());
        var address = member.getCluster().getLocalMember().getAddress();
        config.getNetworkConfig().addAddress("127.0.0.1:" + address.getPort());
        return HazelcastClient.newHazelcastClient(config);
    }

    @Test
    void countsEveryLabelCaseExactly() {
        // The model's own horizon (2 s) overrides the default (1.5 s); another model's ten minutes
        // must not hold back this model's unlabelled count.
        FeedbackSettings settings = new FeedbackSettings(1_500, DdmSettings.DEFAULTS, 1_000, 250, 500, 0.05,
                QualityWindows.DEFAULTS, 86_400_000, Map.of(MODEL, 2_000L, "chargebacks", 600_000L),
                DataDriftSettings.DEFAULTS, Map.of());
        FeedbackPipeline.submit(member, settings, JobSettings.DEFAULTS);
        // Two journals are read independently, so each step waits until the job has seen the last.
        labels.set("e2", label("e2", "dog"));                       // before its prediction (step 4)
        labels.set("e5", label("e5", "dog"));                       // never predicted
        for (String id : List.of("e1", "e3", "e4", "e6", "e7")) {
            predictions.set(id, prediction(id, 1, 1, 1));
        }
        IMap<String, WindowQuality> quality = FeedbackMaps.quality(member);
        await().atMost(Patience.of(Duration.ofSeconds(30))).until(() -> tumbling(quality).stream()
                .mapToLong(WindowQuality::scored).sum() == 5);
        labels.set("e1", label("e1", "dog"));                       // late, within the horizon
        labels.set("e3", label("e3", "dog"));
        labels.set("e3", label("e3", "cat"));                       // twice: the first wins
        labels.set("e6", new Label("e6", MODEL, "dog", 2_001));     // more than the horizon after scoring
        labels.set("e7", new Label("e7", MODEL, "dog", 1_800));     // within the model's horizon, not the default
        IMap<String, LabelCounts> counts = FeedbackMaps.labelCounts(member);
        await().atMost(Patience.of(Duration.ofSeconds(30))).until(() -> counts.containsKey(MODEL)
                && counts.get(MODEL).duplicates() == 1 && counts.get(MODEL).pastHorizon() == 1
                && counts.get(MODEL).labelled() == 3);
        predictions.set("e2", prediction("e2", 1, 1, 1));
        // e4 is never labelled.
        // The horizon is ingestion time; the join only forgets as time moves on, which takes
        // events on both journals (an idle one holds the watermark back), under keys never joined.
        await().atMost(Patience.of(Duration.ofSeconds(30))).pollInterval(Duration.ofMillis(200)).until(() -> {
            predictions.set("tick-p", new Prediction("tick-p", "ticker", 1, 1, 0, "cat", 0.9, new double[] {0.9, 0.1}, new double[] {0},
                    System.currentTimeMillis(), 0, 1, 1));
            labels.set("tick-l", new Label("tick-l", "ticker", "cat", System.currentTimeMillis()));
            LabelCounts c = counts.get(MODEL);
            return c != null && c.unlabelled() == 2 && c.withoutPrediction() == 1;
        });
        LabelCounts c = counts.get(MODEL);
        assertThat(c.labelled()).isEqualTo(4);
        assertThat(c.labelledBeforePrediction()).isEqualTo(1);
        assertThat(c.duplicates()).isEqualTo(1);
        assertThat(c.pastHorizon()).isEqualTo(1);
        assertThat(c.unlabelled()).isEqualTo(2);
        assertThat(c.withoutPrediction()).isEqualTo(1);
        IMap<String, Outcome> outcomes = FeedbackMaps.outcomes(member);
        assertThat(outcomes.keySet()).containsExactlyInAnyOrder("e1", "e2", "e3", "e7");
        assertThat(outcomes.get("e3").trueLabel()).isEqualTo("dog");
        assertThat(ScorerMaps.deadLetters(member).get("label:e5").reason())
                .contains("event e5", "no prediction for that event came");
        try (SqlResult result = member.getSql().execute(
                "SELECT labelled, duplicates, unlabelled FROM label_counts WHERE model = ?", MODEL)) {
            SqlRow row = result.iterator().next();
            assertThat(List.of(row.<Long>getObject(0), row.<Long>getObject(1), row.<Long>getObject(2)))
                    .containsExactly(4L, 1L, 2L);
        }
    }

    @Test
    void warnsOfDataDriftBeforeAnyLabelArrives() {
        // A strict alpha: the windows depend on the order partitions are read in, so a stable
        // stream must pass every check without luck.
        FeedbackSettings settings = new FeedbackSettings(600_000, DdmSettings.DEFAULTS, 1_000, 250, 500, 0.05,
                QualityWindows.DEFAULTS, 86_400_000, Map.of(), new DataDriftSettings(1_000, 0.25, 0.0001, 500, 500),
                Map.of());
        Random random = new Random(5);
        double[][] training = new double[5_000][];
        for (int i = 0; i < training.length; i++) {
            training[i] = new double[] {random.nextGaussian()};
        }
        FeedbackMaps.references(member).set(ModelVersion.key(MODEL, 1),
                FeatureReference.of(List.of("x"), training));
        FeedbackPipeline.submit(member, settings, JobSettings.DEFAULTS);
        IMap<String, DataDriftState> drift = FeedbackMaps.dataDrift(member);

        predictions.putAll(scored(random, 0, 1_000, 0.0));
        await().atMost(Patience.of(Duration.ofSeconds(30))).until(() -> drift.containsKey(MODEL) && drift.get(MODEL).position() == 1_000);
        assertThat(drift.get(MODEL).drifted()).as(drift.get(MODEL).detail()).isFalse();

        predictions.putAll(scored(random, 1_000, 2_000, 1.0));
        await().atMost(Patience.of(Duration.ofSeconds(30))).until(() -> drift.get(MODEL).position() == 2_000);
        DataDriftState state = drift.get(MODEL);
        assertThat(state.drifted()).isTrue();
        assertThat(state.driftedFeatures()).isEqualTo("x");
        assertThat(state.maxPsi()).isGreaterThan(0.25);
        try (SqlResult result = member.getSql().execute("SELECT drifted, drifted_features FROM data_drift WHERE model = ?",
                MODEL)) {
            SqlRow row = result.iterator().next();
            assertThat(row.<Boolean>getObject(0)).isTrue();
            assertThat(row.<String>getObject(1)).isEqualTo("x");
        }
    }

    /** Predictions of version 1 whose one feature is normal with the given mean; no labels. */
    private static Map<String, Prediction> scored(Random random, int from, int to, double mean) {
        Map<String, Prediction> batch = new HashMap<>();
        for (int i = from; i < to; i++) {
            String id = "d" + i;
            batch.put(id, new Prediction(id, MODEL, 1, 1, 0, "cat", 0.9, new double[] {0.9, 0.1},
                    new double[] {mean + random.nextGaussian()},
                    1_000 + i, 0, 1, 1));
        }
        return batch;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ddm", "adwin"})
    void raisesADriftSignalWhenTheServingVersionStartsToErrWithTheModelsOwnDetector(String kind) {
        DetectorSettings detector = kind.equals("ddm") ? new DdmSettings(300, 2.0, 3.0) : DetectorSettings.defaults(kind);
        // The default detector is a DDM that would never fire here; the model's own is the one in use.
        FeedbackSettings settings = new FeedbackSettings(600_000, new DdmSettings(1_000_000, 2.0, 3.0), 200, 50, 100,
                1.0, QualityWindows.DEFAULTS, 86_400_000, Map.of(), DataDriftSettings.DEFAULTS, Map.of(MODEL, detector));
        FeedbackPipeline.submit(member, settings, JobSettings.DEFAULTS);
        Random random = new Random(9);
        IMap<String, Outcome> outcomes = FeedbackMaps.outcomes(member);
        IMap<String, DriftSignal> signals = FeedbackMaps.driftSignals(member);
        // Labels arrive in two phases, as they would over time: first a good spell, then a bad one.
        sendJudged(random, 0, 2_000, 0.05);
        await().atMost(Patience.of(Duration.ofSeconds(30))).until(() -> outcomes.size() == 2_000);

        sendJudged(random, 2_000, 4_000, 0.4);
        await().atMost(Patience.of(Duration.ofSeconds(30))).until(() -> signals.containsKey(MODEL)
                && Long.parseLong(signals.get(MODEL).detectedAtEventId().substring(1)) >= 2_000);
        DriftSignal signal = signals.get(MODEL);
        assertThat(signal.version()).isEqualTo(1);
        assertThat(signal.detector()).isEqualTo(kind.equals("ddm") ? "DDM" : "ADWIN");
        assertThat(signal.position()).as("outcomes of the epoch when it tipped").isGreaterThan(2_000);
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
