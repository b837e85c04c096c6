package dev.hatchery.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.Outcome;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.JobSettings;
import dev.hatchery.scorer.ModelHolder;
import dev.hatchery.scorer.Prediction;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ScoringPipeline;
import dev.hatchery.scorer.ShadowPrediction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import smile.classification.LogisticRegression;

/**
 * A shadow trial on two real members: the scoring job records the challenger's predictions
 * beside the champion's, outcomes are written as the feedback job writes them (the served
 * prediction judged by its label), and the trial's counts are checked against the same counts
 * made plainly from the two models and the labels.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShadowTrialTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> FEATURES = List.of("x1", "x2");
    private static final List<String> CLASSES = List.of("low", "high");
    private static final String MODEL = "trial";
    private static final int EVENTS = 2_000;
    private static final int LABELLED = 1_500;

    private final List<HazelcastInstance> members = new ArrayList<>();
    private Job job;
    private TrainedModel champion;
    private TrainedModel challenger;
    private final Map<String, Event> events = new HashMap<>();
    private final Map<String, Integer> truth = new HashMap<>();

    @BeforeAll
    void scoreEventsInShadowAndLabelMostOfThem() {
        String cluster = TestMembers.newClusterName();
        for (int i = 0; i < 2; i++) {
            members.add(TestMembers.member(cluster, config -> {
                ScorerMaps.configure(config, 100_000);
                FeedbackMaps.configure(config, 100_000);
            }));
        }
        HazelcastInstance member = members.getFirst();
        ModelRegistry registry = ModelRegistry.on(member);
        // The concept is x1 > 0.5; the champion learnt x1 > 0.4, the challenger x1 > 0.55: each is
        // right where the other is wrong on some events.
        champion = logistic(0.4, 1);
        challenger = logistic(0.55, 2);
        registry.register(new Registration(MODEL, champion, 1_000, 1.0, "test"));
        registry.register(new Registration(MODEL, challenger, 1_000, 1.0, "test"));
        registry.publish(MODEL, 1, "test", "champion");
        registry.startShadow(MODEL, 2, "test", "challenger");
        job = ScoringPipeline.submit(member, JobSettings.DEFAULTS);
        await().atMost(WAIT).until(() -> job.getStatus() == JobStatus.RUNNING && members.stream().allMatch(m ->
                ModelHolder.of(m).serving(MODEL).isPresent() && ModelHolder.of(m).shadow(MODEL).equals(Optional.of(2))));

        Random random = new Random(11);
        for (int i = 0; i < EVENTS; i++) {
            String id = "e-" + i;
            double[] x = {random.nextDouble(), random.nextDouble()};
            events.put(id, new Event(id, MODEL, x, 1_000L + i));
            // One label in ten is noise: some events both versions get wrong.
            truth.put(id, (x[0] > 0.5) != (random.nextInt(10) == 0) ? 1 : 0);
        }
        ScorerMaps.events(member).putAll(events);
        IMap<String, Prediction> predictions = ScorerMaps.predictions(member);
        IMap<String, ShadowPrediction> shadows = ScorerMaps.shadowPredictions(member);
        await().atMost(WAIT).until(() -> predictions.getAll(events.keySet()).size() == EVENTS
                && shadows.getAll(events.keySet()).size() == EVENTS);

        // Outcomes as the feedback job writes them, for the events whose labels have come.
        Map<String, Prediction> served = predictions.getAll(events.keySet());
        Map<String, Outcome> outcomes = new HashMap<>();
        for (int i = 0; i < LABELLED; i++) {
            Prediction p = served.get("e-" + i);
            outcomes.put(p.eventId(), outcome(p.eventId(), p.version(), p.epoch(), p.features(), p.predictedClass()));
        }
        FeedbackMaps.outcomes(member).putAll(outcomes);
    }

    @AfterAll
    void stop() {
        job.cancel();
        members.forEach(HazelcastInstance::shutdown);
    }

    private static TrainedModel logistic(double threshold, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[1_000][];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {random.nextDouble(), random.nextDouble()};
            y[i] = x[i][0] > threshold ? 1 : 0;
        }
        return TrainedModel.of(Algorithm.LOGISTIC_REGRESSION, FEATURES, CLASSES,
                LogisticRegression.fit(x, y, new LogisticRegression.Options(0.1, 1e-5, 500)));
    }

    private Outcome outcome(String id, int version, long epoch, double[] features, int predictedClass) {
        int trueClass = truth.get(id);
        return new Outcome(id, MODEL, version, epoch, features, trueClass, CLASSES.get(trueClass), predictedClass,
                CLASSES.get(predictedClass), events.get(id).timeMillis(), 5_000L);
    }

    /** The score computed plainly: each labelled event, each model's answer, the label. */
    private HeadToHead plainly(int from, int to) {
        int championCorrect = 0;
        int shadowCorrect = 0;
        int championOnly = 0;
        int shadowOnly = 0;
        for (int i = from; i < to; i++) {
            String id = "e-" + i;
            double[] x = events.get(id).features();
            boolean c = champion.predict(x).index() == truth.get(id);
            boolean s = challenger.predict(x).index() == truth.get(id);
            championCorrect += c ? 1 : 0;
            shadowCorrect += s ? 1 : 0;
            championOnly += c && !s ? 1 : 0;
            shadowOnly += s && !c ? 1 : 0;
        }
        return new HeadToHead(to - from, shadowCorrect, championCorrect, shadowOnly, championOnly);
    }

    @Test
    void countsEveryLabelledEventBothScoredAsAPlainCountDoes() {
        HeadToHead score = ShadowTrial.score(members.getLast(), MODEL, 2, 1);
        assertThat(score).isEqualTo(plainly(0, LABELLED));
        assertThat(score.rows()).as("unlabelled events are not paired").isEqualTo(LABELLED);
        assertThat(score.championOnly()).isPositive();
        assertThat(score.challengerOnly()).isPositive();
        assertThat(score.rows() - score.bothCorrect() - score.discordant()).as("both wrong").isPositive();
    }

    @Test
    void judgesAgainstOneChampionAtATime() {
        // Events later served by another champion, v3, beside the same shadow: they are its trial, not v1's.
        IMap<String, ShadowPrediction> shadows = ScorerMaps.shadowPredictions(members.getFirst());
        IMap<String, Outcome> outcomes = FeedbackMaps.outcomes(members.getFirst());
        int from = EVENTS;
        int to = EVENTS + 100;
        Random random = new Random(12);
        for (int i = from; i < to; i++) {
            String id = "e-" + i;
            double[] x = {random.nextDouble(), random.nextDouble()};
            events.put(id, new Event(id, MODEL, x, 1_000L + i));
            truth.put(id, x[0] > 0.5 ? 1 : 0);
            int shadowClass = challenger.predict(x).index();
            shadows.set(id, new ShadowPrediction(id, MODEL, 2, 3, 7, shadowClass, CLASSES.get(shadowClass), 0.9,
                    1_000L + i, 2_000L));
            outcomes.set(id, outcome(id, 3, 7, x, champion.predict(x).index()));
        }
        try {
            assertThat(ShadowTrial.score(members.getFirst(), MODEL, 2, 1)).isEqualTo(plainly(0, LABELLED));
            assertThat(ShadowTrial.score(members.getFirst(), MODEL, 2, 3)).isEqualTo(plainly(from, to));
        } finally {
            IntStream.range(from, to).forEach(i -> {
                shadows.delete("e-" + i);
                outcomes.delete("e-" + i);
            });
        }
    }

    @Test
    void findsNothingForAVersionThatNeverShadowed() {
        assertThat(ShadowTrial.score(members.getFirst(), MODEL, 9, 1)).isEqualTo(HeadToHead.NONE);
        assertThat(ShadowTrial.score(members.getFirst(), "other", 2, 1)).isEqualTo(HeadToHead.NONE);
    }

    @Nested
    class AHeadToHead {

        @Test
        void refusesCountsThatCannotComeFromOneTrial() {
            assertThatThrownBy(() -> new HeadToHead(10, 5, 11, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("neither can be right on more than the 10 paired events");
            assertThatThrownBy(() -> new HeadToHead(10, 5, 6, 1, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("both right on 3 events by the champion's counts but 4 by the challenger's");
            assertThatThrownBy(() -> new HeadToHead(-1, 0, 0, 0, 0))
                    .hasMessageContaining("counts must be 0 or more");
        }

        @Test
        void saysHowManyBothGotRightAndHowManyTheyDisagreedOn() {
            HeadToHead score = new HeadToHead(100, 85, 80, 10, 5);
            assertThat(score.bothCorrect()).isEqualTo(75);
            assertThat(score.discordant()).isEqualTo(15);
        }
    }
}
