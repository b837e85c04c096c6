package dev.hatchery.trainer;

import static dev.hatchery.trainer.TrainingFixture.CLASSES;
import static dev.hatchery.trainer.TrainingFixture.CONCEPT_A;
import static dev.hatchery.trainer.TrainingFixture.CONCEPT_B;
import static dev.hatchery.trainer.TrainingFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.Outcome;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Shadow;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.JobSettings;
import dev.hatchery.scorer.ModelHolder;
import dev.hatchery.scorer.Prediction;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ScoringPipeline;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A challenger in shadow on a member with the real scoring job: it is promoted only if it wins
 * on the live events it scored beside the champion. Outcomes are written as the feedback job
 * writes them, from the served predictions and the labels.
 */
@Tag("slow")
class TrainerShadowTests {

    private static final String MODEL = "shadowed";
    private static final int LIVE_EVENTS = 1_200;

    private HazelcastInstance member;
    private ModelRegistry registry;
    private Trainer trainer;
    private Job scoring;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> {
            ScorerMaps.configure(config, 100_000);
            FeedbackMaps.configure(config, 100_000);
            TrainerMaps.addSerializers(config.getSerializationConfig());
        });
        registry = ModelRegistry.on(member);
        TrainingPolicy shadowed = new TrainingPolicy(Algorithm.RANDOM_FOREST, FitOptions.DEFAULTS,
                new TrainingWindow.SinceDrift(500, 2_000), 0.2, TriggerSettings.manualOnly(),
                new GateSettings(true, 0.0, 0.05, 0.0), 60_000, RecencyWeighting.DEFAULTS, SearchSettings.DEFAULTS,
                new ShadowSettings(true, 1_000, 600_000), ProbationSettings.DEFAULTS);
        trainer = Trainer.on(member, TrainerSettings.of(shadowed));
        trainer.bootstrap(MODEL, rows(CONCEPT_A, 1_000, 1), "test");
        scoring = ScoringPipeline.submit(member, JobSettings.DEFAULTS);
        // Labelled outcomes of a new concept: a challenger trained on them beats v1 on the holdout.
        TrainingFixture.outcomes(member, MODEL, rows(CONCEPT_B, 2_000, 3), 10_000, 1, 1);
    }

    @AfterEach
    void stop() {
        scoring.cancel();
        trainer.close();
        member.shutdown();
    }

    private TrainingReport challengerInShadow() {
        TrainingReport run = trainer.retrain(MODEL, "ivan");
        assertThat(run.status()).isEqualTo(TrainingReport.Status.SHADOW);
        assertThat(run.detail()).contains("v2 scores in shadow until 1000 labelled events decide");
        assertThat(registry.shadow(MODEL)).map(Shadow::version).contains(2);
        assertThat(registry.deployment(MODEL).orElseThrow().version()).as("a challenger in shadow does not serve")
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> scoring.getStatus() == JobStatus.RUNNING
                && ModelHolder.of(member).shadow(MODEL).equals(Optional.of(2)));
        return run;
    }

    /** Live events labelled by {@code concept}; their outcomes as the feedback job writes them. */
    private void liveEvents(Predicate<double[]> concept) {
        Random random = new Random(21);
        Map<String, Event> events = new HashMap<>();
        Map<String, Integer> truth = new HashMap<>();
        for (int i = 0; i < LIVE_EVENTS; i++) {
            String id = "live-" + i;
            double[] x = {random.nextDouble(), random.nextDouble()};
            events.put(id, new Event(id, MODEL, x, 50_000L + i));
            truth.put(id, concept.test(x) ? 1 : 0);
        }
        ScorerMaps.events(member).putAll(events);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                ScorerMaps.predictions(member).getAll(events.keySet()).size() == LIVE_EVENTS
                        && ScorerMaps.shadowPredictions(member).getAll(events.keySet()).size() == LIVE_EVENTS);
        Map<String, Outcome> outcomes = new HashMap<>();
        ScorerMaps.predictions(member).getAll(events.keySet()).forEach((id, p) -> {
            assertThat(p.version()).as("served by the champion").isEqualTo(1);
            outcomes.put(id, outcome(p, truth.get(id)));
        });
        FeedbackMaps.outcomes(member).putAll(outcomes);
    }

    private static Outcome outcome(Prediction p, int trueClass) {
        return new Outcome(p.eventId(), p.model(), p.version(), p.epoch(), p.features(), trueClass,
                CLASSES.get(trueClass), p.predictedClass(), p.predictedLabel(), p.eventTimeMillis(), 0);
    }

    @Test
    void aChallengerThatWinsOnTheLiveEventsItScoredInShadowIsPromoted() {
        TrainingReport run = challengerInShadow();
        assertThat(trainer.judgeShadow(MODEL)).as("no labelled live events yet").isEmpty();

        liveEvents(CONCEPT_B);
        TrainingReport judged = trainer.judgeShadow(MODEL).orElseThrow();

        assertThat(judged.runId()).isEqualTo(run.runId());
        assertThat(judged.status()).isEqualTo(TrainingReport.Status.DEPLOYED);
        assertThat(judged.comparison().shadowEvents()).isEqualTo(LIVE_EVENTS);
        assertThat(judged.comparison().challengerAccuracy()).isGreaterThan(0.9);
        assertThat(judged.comparison().championAccuracy()).isLessThan(0.1);
        assertThat(judged.detail()).startsWith("won its shadow trial: challenger wins");
        assertThat(registry.deployment(MODEL).orElseThrow().version()).isEqualTo(2);
        assertThat(registry.shadow(MODEL)).isEmpty();
        assertThat(TrainerMaps.trainingRuns(member).get(run.runId())).isEqualTo(judged);
    }

    @Test
    void aChallengerThatWonTheHoldoutButLosesLiveIsNotPromoted() {
        challengerInShadow();

        liveEvents(CONCEPT_A);
        TrainingReport judged = trainer.judgeShadow(MODEL).orElseThrow();

        assertThat(judged.status()).isEqualTo(TrainingReport.Status.KEPT);
        assertThat(judged.detail()).startsWith("lost its shadow trial: challenger does not beat the champion");
        assertThat(registry.deployment(MODEL).orElseThrow().version()).isEqualTo(1);
        assertThat(registry.shadow(MODEL)).isEmpty();
        assertThat(registry.shadowHistory(MODEL)).singleElement()
                .satisfies(end -> assertThat(end.reason()).isEqualTo("lost its shadow trial"));
    }
}
