package dev.hatchery.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.feedback.DataDriftState;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.Outcome;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelCodec;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.scorer.ScorerMaps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class TrainerTests {

    private static final Predicate<double[]> CONCEPT_A = TrainingFixture.CONCEPT_A;
    private static final Predicate<double[]> CONCEPT_B = TrainingFixture.CONCEPT_B;

    private HazelcastInstance member;
    private ModelRegistry registry;
    private String model;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> {
            ScorerMaps.configure(config, 100_000);
            FeedbackMaps.configure(config, 100_000);
            TrainerMaps.addSerializers(config.getSerializationConfig());
        });
        registry = ModelRegistry.on(member);
        model = "t" + UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void stop() {
        trainers.forEach(Trainer::close);
        member.shutdown();
    }

    private final List<Trainer> trainers = new ArrayList<>();

    private Trainer trainer(TrainerSettings settings) {
        Trainer trainer = Trainer.on(member, settings);
        trainers.add(trainer);
        return trainer;
    }

    /** A policy whose versions train on the training part only (no refit), so that tests see the holdout apart. */
    static TrainingPolicy policy(double minImprovement, int refreshEveryRows) {
        return policy(minImprovement, refreshEveryRows, false);
    }

    private static TrainingPolicy policy(double minImprovement, int refreshEveryRows, boolean refit) {
        return new TrainingPolicy(Algorithm.RANDOM_FOREST, FitOptions.DEFAULTS, new TrainingWindow.SinceDrift(500, 3_000),
                0.2, new TriggerSettings("", TriggerSettings.Misfire.FIRE_ONCE, true, false, 0, refreshEveryRows, true),
                new GateSettings(true, minImprovement, 0.05, 0.0, refit), 30_000, RecencyWeighting.DEFAULTS,
                SearchSettings.DEFAULTS, ShadowSettings.DEFAULTS, ProbationSettings.DEFAULTS);
    }

    private static TrainerSettings settings(double minImprovement, int refreshEveryRows) {
        return TrainerSettings.of(policy(minImprovement, refreshEveryRows)).withCheckCron("* * * * * ?");
    }

    private static TrainingData rows(Predicate<double[]> concept, int n, long seed) {
        return TrainingFixture.rows(concept, n, seed);
    }

    private void outcomes(TrainingData data, long firstEventTime, int version, long epoch) {
        TrainingFixture.outcomes(member, model, data, firstEventTime, version, epoch);
    }

    private void signal(long sequence, long sinceEventTime) {
        TrainingFixture.signal(member, model, sequence, sinceEventTime);
    }

    @Test
    void bootstrapTrainsRegistersAndPublishesVersionOne() {
        Trainer trainer = trainer(settings(0.0, 0));
        var version = trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
        assertThat(version.version()).isEqualTo(1);
        assertThat(version.holdoutAccuracy()).isGreaterThan(0.95);
        assertThat(registry.deployment(model).orElseThrow().version()).isEqualTo(1);
        var reference = FeedbackMaps.references(member).get(ModelVersion.key(model, 1));
        assertThat(reference).as("the training reference for data drift").isNotNull();
        assertThat(reference.featureNames()).isEqualTo(version.features());
        assertThat(reference.features().getFirst().trainingCount()).as("the rows trained on, not those held out")
                .isEqualTo(1_000 - (int) Math.round(1_000 * policy(0.0, 0).holdoutFraction()));
    }

    @Nested
    class OnADriftSignal {

        @Test
        void trainsOnDataSinceTheDriftAndDeploysAChallengerThatWins() {
            Trainer trainer = trainer(settings(0.0, 0));
            trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
            outcomes(rows(CONCEPT_A, 2_000, 2), 0, 1, 1);
            outcomes(rows(CONCEPT_B, 2_000, 3), 10_000, 1, 1);
            signal(1, 10_000);

            TrainingReport report = trainer.runIfDue(model).orElseThrow();

            assertThat(report.status()).isEqualTo(TrainingReport.Status.DEPLOYED);
            assertThat(report.window().trainingRows()).as("only the new concept's rows").isEqualTo(1_600);
            assertThat(report.window().holdoutRows()).isEqualTo(400);
            assertThat(report.comparison().challengerAccuracy()).isGreaterThan(0.95);
            assertThat(report.comparison().championAccuracy()).isLessThan(0.1);
            Deployment now = registry.deployment(model).orElseThrow();
            assertThat(now.version()).isEqualTo(2);
            assertThat(now.epoch()).isEqualTo(2);
            assertThat(now.reason()).contains("drift signal #1");
            assertThat(FeedbackMaps.references(member).get(ModelVersion.key(model, 2)).features().getFirst()
                    .trainingCount()).isEqualTo(1_600);
            assertThat(TrainerMaps.trainingRuns(member).get(report.runId())).isEqualTo(report);
            assertThat(trainer.runIfDue(model)).as("the signal is handled").isEmpty();
        }

        @Test
        void aVersionPublishedAfterTheSignalButTrainedBeforeTheDriftDoesNotAnswerIt() {
            Trainer trainer = trainer(settings(0.0, 0));
            trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
            // A version trained on the old concept is published (say, by a refresh run) while
            // the drift's signal for the previous epoch is still unhandled.
            outcomes(rows(CONCEPT_A, 2_000, 2), 0, 1, 1);
            signal(1, 10_000);
            var stale = registry.register(new dev.hatchery.registry.Registration(model,
                    ModelFit.fit(rows(CONCEPT_A, 1_000, 7), Algorithm.RANDOM_FOREST, FitOptions.DEFAULTS), 1_000, 0.99, "x"));
            registry.publish(model, stale.version(), "test", "refresh trained before the drift");
            outcomes(rows(CONCEPT_B, 2_000, 3), 10_000, stale.version(), 2);

            TrainingReport report = trainer.runIfDue(model).orElseThrow();

            assertThat(report.trigger()).contains("drift signal #1");
            assertThat(report.status()).isEqualTo(TrainingReport.Status.DEPLOYED);
            assertThat(registry.deployment(model).orElseThrow().version()).isEqualTo(3);
        }

        @Test
        void waitsUntilEnoughRowsOfTheNewConceptHaveArrived() {
            Trainer trainer = trainer(settings(0.0, 0));
            trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
            outcomes(rows(CONCEPT_B, 300, 3), 10_000, 1, 1);
            signal(1, 10_000);
            assertThat(trainer.runIfDue(model)).isEmpty();

            outcomes(rows(CONCEPT_B, 600, 4), 20_000, 1, 1);
            assertThat(trainer.runIfDue(model)).get().extracting(TrainingReport::status).isEqualTo(TrainingReport.Status.DEPLOYED);
        }
    }

    @Test
    void keepsTheChampionWhenTheChallengerDoesNotBeatIt() {
        Trainer trainer = trainer(settings(0.02, 1_000));
        trainer.bootstrap(model, rows(CONCEPT_A, 2_000, 1), "test");
        outcomes(rows(CONCEPT_A, 1_500, 2), 0, 1, 1);

        TrainingReport report = trainer.runIfDue(model).orElseThrow();

        assertThat(report.status()).isEqualTo(TrainingReport.Status.KEPT);
        assertThat(report.trigger()).contains("1500 new outcomes");
        assertThat(report.detail()).contains("does not beat the champion");
        assertThat(registry.deployment(model).orElseThrow().version()).isEqualTo(1);
        assertThat(registry.versions(model)).hasSize(1);
    }

    @Test
    void aFailedRunIsRecordedWithItsCauseAndTheChampionKeepsServing() {
        Trainer trainer = trainer(settings(0.0, 0));
        trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
        Deployment before = registry.deployment(model).orElseThrow();
        // Outcomes whose rows do not fit the model's schema: three values for two features.
        IMap<String, Outcome> outcomes = FeedbackMaps.outcomes(member);
        Map<String, Outcome> bad = new HashMap<>();
        for (int i = 0; i < 800; i++) {
            bad.put("bad-" + i, new Outcome("bad-" + i, model, 1, 1, new double[] {0.1, 0.2, 0.3}, 0, "low", 0, "low",
                    50_000 + i, 0));
        }
        outcomes.putAll(bad);
        signal(1, 50_000);

        TrainingReport report = trainer.runIfDue(model).orElseThrow();

        assertThat(report.status()).isEqualTo(TrainingReport.Status.FAILED);
        assertThat(report.detail()).isNotBlank();
        assertThat(registry.deployment(model)).contains(before);
        assertThat(trainer.runIfDue(model)).as("a failed signal is not retried in a loop").isEmpty();
    }

    @Test
    void anOperatorCanRetrainAtWillAndTheGateStillDecides() {
        Trainer trainer = trainer(settings(0.0, 0));
        trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
        outcomes(rows(CONCEPT_B, 1_500, 3), 0, 1, 1);
        assertThat(trainer.runIfDue(model)).as("nothing is due: no signal, no refresh").isEmpty();

        TrainingReport report = trainer.retrain(model, "alice");

        assertThat(report.trigger()).isEqualTo("requested by alice");
        assertThat(report.triggerKind()).isEqualTo(Trigger.Kind.MANUAL);
        assertThat(report.status()).isEqualTo(TrainingReport.Status.DEPLOYED);
        assertThat(registry.deployment(model).orElseThrow().reason()).startsWith("requested by alice");
    }

    @Test
    void oneRunAtATimeAcrossCallers() throws Exception {
        Trainer first = trainer(settings(0.0, 0));
        Trainer second = trainer(settings(0.0, 0));
        first.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
        outcomes(rows(CONCEPT_B, 3_000, 3), 10_000, 1, 1);
        signal(1, 10_000);

        CompletableFuture<Optional<TrainingReport>> a = CompletableFuture.supplyAsync(() -> first.runIfDue(model));
        CompletableFuture<Optional<TrainingReport>> b = CompletableFuture.supplyAsync(() -> second.runIfDue(model));
        List<TrainingReport> ran = new ArrayList<>();
        a.get().ifPresent(ran::add);
        b.get().ifPresent(ran::add);

        assertThat(ran).hasSize(1);
        assertThat(registry.versions(model)).hasSize(2);
    }

    @Test
    void theQuartzScheduleRunsDueTrainingByItself() {
        Trainer trainer = trainer(settings(0.0, 0));
        trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
        outcomes(rows(CONCEPT_B, 1_500, 3), 10_000, 1, 1);
        try (TrainerSchedule ignored = TrainerSchedule.start(trainer, member.getName())) {
            signal(1, 10_000);
            await().atMost(Duration.ofSeconds(20)).until(() -> registry.deployment(model).orElseThrow().version() == 2);
        }
        assertThat(TrainerMaps.trainingRuns(member).values()).extracting(TrainingReport::status)
                .containsExactly(TrainingReport.Status.DEPLOYED);
    }

    @Test
    void aRunOverItsTimeLimitIsRecordedAsTimedOutAndTheChampionKeepsServing() {
        TrainingPolicy slow = policy(0.0, 0).withAlgorithm(Algorithm.RANDOM_FOREST,
                new FitOptions(2_000, 20, 100_000, 1, 0.05, 0.1, 1, 1)).withTimeLimitMillis(200);
        Trainer trainer = trainer(TrainerSettings.of(slow));
        trainer.bootstrap(model, rows(CONCEPT_A, 600, 1), "test");
        outcomes(rows(CONCEPT_B, 3_000, 3), 10_000, 1, 1);
        Deployment before = registry.deployment(model).orElseThrow();

        TrainingReport report = trainer.retrain(model, "bob");

        assertThat(report.status()).isEqualTo(TrainingReport.Status.TIMED_OUT);
        assertThat(report.detail()).isEqualTo("no challenger within trainer.timeLimitMillis (200 ms); v1 keeps serving");
        assertThat(report.finishedAtMillis() - report.startedAtMillis()).isLessThan(10_000);
        assertThat(registry.deployment(model)).contains(before);
        assertThat(registry.versions(model)).hasSize(1);
    }

    @Test
    void theReportOfARunRetrainsTheIdenticalModel() {
        // Weighted and searched, so that the report must carry the search's choice and the weighting too.
        TrainingPolicy searched = policy(0.0, 0).withFitting(new RecencyWeighting(300),
                new SearchSettings(true, 60_000, 3, 0.2));
        Trainer trainer = trainer(TrainerSettings.of(searched));
        trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
        outcomes(rows(CONCEPT_B, 2_000, 3), 10_000, 1, 1);
        TrainingReport report = trainer.retrain(model, "carol");
        assertThat(report.status()).isEqualTo(TrainingReport.Status.DEPLOYED);
        assertThat(report.challenger().searchTrials()).isEqualTo(3);
        assertThat(report.challenger().recencyHalfLifeRows()).isEqualTo(300);
        assertThat(FitOptions.parse(report.challenger().hyperparameters()).seed()).isEqualTo(report.challenger().seed());
        assertThat(report.window().dataSha256()).hasSize(64);

        TrainedModel again = trainer.reproduce(report.runId());

        assertThat(ModelCodec.sha256(ModelCodec.encode(again)))
                .isEqualTo(registry.version(model, report.versions().newVersion()).orElseThrow().sha256());
    }

    /** With {@code trainer.gate.refit}, as by default. */
    @Nested
    class ARefittingGate {

        private Trainer refitting() {
            return trainer(TrainerSettings.of(policy(0.0, 0, true)).withCheckCron("* * * * * ?"));
        }

        /** v1 trained on concept A, then 2,000 outcomes of {@code concept}, then a run. */
        private TrainingReport runAfter(Trainer trainer, Predicate<double[]> concept) {
            trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
            outcomes(rows(concept, 2_000, 3), 10_000, 1, 1);
            return trainer.retrain(model, "erin");
        }

        @Test
        void registersTheFitOfTheWholeWindowOnceTheHoldoutLetsTheChallengerThrough() {
            Trainer trainer = refitting();

            TrainingReport report = runAfter(trainer, CONCEPT_B);

            assertThat(report.status()).isEqualTo(TrainingReport.Status.DEPLOYED);
            assertThat(report.window().holdoutRows()).isEqualTo(400);
            assertThat(report.comparison().challengerAccuracy()).as("the gate's evidence: the fit it judged").isGreaterThan(0.95);
            assertThat(report.window().trainingRows()).as("the holdout's rows included").isEqualTo(2_000);
            assertThat(report.detail()).contains("refitted on all 2000 rows of the window, the holdout's 400 included");
            ModelVersion v2 = registry.version(model, report.versions().newVersion()).orElseThrow();
            assertThat(v2.trainingRows()).isEqualTo(2_000);
            assertThat(v2.holdoutAccuracy()).isEqualTo(report.comparison().challengerAccuracy());
            assertThat(TrainerControls.on(member).trainedOn(model, v2.version())).hasSize(2_000)
                    .contains(model + "-10000", model + "-11999");
            assertThat(FeedbackMaps.references(member).get(v2.key()).features().getFirst().trainingCount())
                    .isEqualTo(2_000);
            assertThat(ModelCodec.sha256(ModelCodec.encode(trainer.reproduce(report.runId()))))
                    .as("the report repeats the refit").isEqualTo(v2.sha256());
        }

        @Test
        void doesNotRefitAChallengerTheGateKeeps() {
            TrainingReport report = runAfter(refitting(), CONCEPT_A);

            assertThat(report.status()).isEqualTo(TrainingReport.Status.KEPT);
            assertThat(report.window().trainingRows()).isEqualTo(1_600);
            assertThat(report.detail()).doesNotContain("refitted");
            assertThat(registry.versions(model)).hasSize(1);
        }

        @Test
        void waitsForRowsNewerThanTheWindowItRefittedOnBeforeJudgingAgain() {
            Trainer trainer = refitting();
            assertThat(runAfter(trainer, CONCEPT_B).status()).isEqualTo(TrainingReport.Status.DEPLOYED);

            TrainingReport again = trainer.retrain(model, "erin");

            assertThat(again.status()).isEqualTo(TrainingReport.Status.FAILED);
            assertThat(again.detail()).contains("v2 trained on every one of the window's 2000 outcomes");
            assertThat(registry.deployment(model).orElseThrow().version()).isEqualTo(2);
        }

        @Test
        void bootstrapsOnEveryRowAfterMeasuringTheHoldout() {
            Trainer trainer = refitting();
            ModelVersion v1 = trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");

            assertThat(v1.trainingRows()).isEqualTo(1_000);
            assertThat(v1.holdoutAccuracy()).as("measured before the refit, on the 200 held out").isGreaterThan(0.95);
            assertThat(registry.deployment(model).orElseThrow().reason())
                    .startsWith("bootstrap on 800 rows, 200 held out (accuracy ").endsWith("then refitted on all 1000");
        }
    }

    @Test
    void aVersionKnowsTheEventsItTrainedOnAndNotThoseItWasHeldOutOn() {
        Trainer trainer = trainer(settings(0.0, 0));
        trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
        TrainerControls controls = TrainerControls.on(member);
        assertThat(controls.trainedOn(model, 1)).as("bootstrapped from rows that were never events").isEmpty();
        outcomes(rows(CONCEPT_B, 2_000, 3), 10_000, 1, 1);

        TrainingReport report = trainer.retrain(model, "erin");

        assertThat(report.status()).isEqualTo(TrainingReport.Status.DEPLOYED);
        Set<Long> trainedEventTimes = controls.trainedOn(model, report.versions().newVersion()).stream()
                .map(id -> Long.parseLong(id.substring(model.length() + 1))).collect(Collectors.toSet());
        assertThat(trainedEventTimes).hasSize(report.window().trainingRows());
        assertThat(Collections.max(trainedEventTimes)).as("the newest rows are the holdout")
                .isEqualTo(report.window().endEventTime() - report.window().holdoutRows());
        assertThat(Collections.min(trainedEventTimes)).isEqualTo(report.window().startEventTime());
        assertThat(controls.trainedOn(model, 9)).isEmpty();
    }

    @Test
    void theGateNeverJudgesTheChampionOnRowsItTrainedOn() {
        Trainer trainer = trainer(settings(0.0, 0));
        trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
        outcomes(rows(CONCEPT_B, 2_000, 3), 10_000, 1, 1);
        TrainingReport first = trainer.retrain(model, "erin");
        assertThat(first.status()).isEqualTo(TrainingReport.Status.DEPLOYED);
        Set<String> championRows = TrainerControls.on(member).trainedOn(model, first.versions().newVersion());
        // A backfill: older outcomes arrive after v2 was trained, so the newest rows of the next
        // window include some that v2 trained on.
        outcomes(rows(CONCEPT_B, 2_000, 4), 5_000, first.versions().newVersion(), 2);

        TrainingReport second = trainer.retrain(model, "erin");

        assertThat(second.window().holdoutRows()).isEqualTo(600);
        String[] kept = member.<String, String[]>getMap(TrainerMaps.WINDOWS).get(second.runId());
        List<String> holdout = List.of(kept).subList(kept.length - second.window().holdoutRows(), kept.length);
        assertThat(holdout).doesNotContainAnyElementsOf(championRows)
                .contains(model + "-11999", model + "-11600", model + "-6999");
        assertThat(List.of(kept).subList(0, second.window().trainingRows())).contains(model + "-11599");
    }

    @Test
    void aManualRequestStartsExactlyOneRunAndAnswersWithIt() {
        Trainer trainer = trainer(settings(0.0, 0));
        trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
        outcomes(rows(CONCEPT_B, 1_500, 3), 10_000, 1, 1);

        TrainingRequest request = trainer.request(model, "dave", "suspicious scores");
        await().atMost(Duration.ofSeconds(30)).until(() -> trainer.report(request.requestId()).isPresent());

        assertThat(TrainerMaps.trainingRuns(member).values()).singleElement().satisfies(run -> {
            assertThat(run.requestId()).isEqualTo(request.requestId());
            assertThat(run.trigger()).isEqualTo("requested by dave: suspicious scores");
        });
        assertThat(trainer.runIfDue(model)).isEmpty();
    }

    @Test
    void aManualRequestForAModelThatIsNotDeployedSaysSoAndChangesNothing() {
        Trainer trainer = trainer(settings(0.0, 0));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> trainer.request("nope", "erin", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("model 'nope' is not deployed, so there is nothing to retrain");
        assertThat(TrainerMaps.trainingRuns(member).isEmpty()).isTrue();
    }

    @Test
    void aBurstOfDriftSignalsStartsOneRunOnceItSettles() {
        TrainingPolicy debounced = policy(0.0, 0).withTriggers(
                new TriggerSettings("", TriggerSettings.Misfire.FIRE_ONCE, true, false, 1_500, 0, false));
        Trainer trainer = trainer(TrainerSettings.of(debounced));
        trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
        outcomes(rows(CONCEPT_B, 2_000, 3), 10_000, 1, 1);
        for (int sequence = 1; sequence <= 3; sequence++) {
            signal(sequence, 10_000);
            assertThat(trainer.runIfDue(model)).as("signal %d of a burst", sequence).isEmpty();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> trainer.runIfDue(model).isPresent());

        assertThat(TrainerMaps.trainingRuns(member).values()).singleElement()
                .satisfies(run -> assertThat(run.trigger()).startsWith("drift signal #3"));
        assertThat(trainer.runIfDue(model)).isEmpty();
    }

    @Test
    void aPausedModelTrainsOnlyWhenAnOperatorAsks() {
        Trainer trainer = trainer(settings(0.0, 0));
        trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
        outcomes(rows(CONCEPT_B, 2_000, 3), 10_000, 1, 1);
        signal(1, 10_000);
        trainer.pause(model, "frank", "holiday freeze");

        assertThat(trainer.runIfDue(model)).isEmpty();
        assertThat(TrainerMaps.pauses(member).get(model).reason()).isEqualTo("holiday freeze");
        assertThat(trainer.retrain(model, "frank").status()).isEqualTo(TrainingReport.Status.DEPLOYED);

        signal(2, 10_500);
        assertThat(trainer.runIfDue(model)).isEmpty();
        assertThat(trainer.resume(model)).isTrue();
        assertThat(trainer.runIfDue(model)).get().extracting(TrainingReport::triggerKind).isEqualTo(Trigger.Kind.DRIFT);
    }

    @Test
    void dataDriftStartsARunOnlyWhereConfiguredAndOncePerServingVersion() {
        TrainingPolicy listening = policy(0.0, 0).withTriggers(
                new TriggerSettings("", TriggerSettings.Misfire.FIRE_ONCE, true, true, 0, 0, false));
        Trainer deaf = trainer(settings(0.0, 0));
        Trainer trainer = trainer(TrainerSettings.of(listening));
        trainer.bootstrap(model, rows(CONCEPT_A, 1_000, 1), "test");
        outcomes(rows(CONCEPT_A, 1_500, 3), 10_000, 1, 1);
        FeedbackMaps.dataDrift(member).set(model, new DataDriftState(model, 1, 1, 1_000, 1_000, true, "x1", 0.6, 0.3,
                "x1: PSI 0.6", System.currentTimeMillis()));

        assertThat(deaf.runIfDue(model)).isEmpty();
        assertThat(trainer.runIfDue(model)).get().satisfies(run -> {
            assertThat(run.triggerKind()).isEqualTo(Trigger.Kind.DATA_DRIFT);
            assertThat(run.trigger()).isEqualTo("data drift of v1 in x1 (max PSI 0.600)");
        });
        assertThat(trainer.runIfDue(model)).isEmpty();
    }

    @Test
    void theGateRefusesAWorseChallengerAndOperatorsReadWhyWithSql() {
        // An over-regularized regression can hardly learn anything: a clearly worse challenger.
        TrainingPolicy weak = policy(0.0, 0).withAlgorithm(Algorithm.LOGISTIC_REGRESSION,
                new FitOptions(100, 10, 1_000, 5, 0.05, 1e6, 1, 1));
        Trainer trainer = trainer(settings(0.0, 0));
        trainer.bootstrap(model, rows(CONCEPT_A, 2_000, 1), "test");
        outcomes(rows(CONCEPT_A, 1_500, 2), 0, 1, 1);
        Trainer challenger = trainer(TrainerSettings.of(weak));

        TrainingReport report = challenger.retrain(model, "heidi");

        assertThat(report.status()).isEqualTo(TrainingReport.Status.KEPT);
        assertThat(report.comparison().challengerAccuracy()).isLessThan(report.comparison().championAccuracy() - 0.2);
        assertThat(report.detail()).startsWith("challenger does not beat the champion by more than 0.0000");
        assertThat(registry.deployment(model).orElseThrow().version()).isEqualTo(1);
        assertThat(registry.versions(model)).hasSize(1);

        TrainerMaps.createSqlMappings(member);
        try (var rows = member.getSql().execute("SELECT trigger_kind, status, algorithm, hyperparameters, training_rows,"
                + " holdout_rows, challenger_accuracy, champion_accuracy, p_value, detail,"
                + " finished_at_millis - started_at_millis FROM training_runs WHERE model = ?", model)) {
            var row = rows.iterator().next();
            assertThat((String) row.getObject(0)).isEqualTo("manual");
            assertThat((String) row.getObject(1)).isEqualTo("KEPT");
            assertThat((String) row.getObject(2)).isEqualTo("logistic-regression");
            assertThat((String) row.getObject(3)).contains("lambda=1000000.0");
            assertThat((Integer) row.getObject(4)).isEqualTo(1_200);
            assertThat((Integer) row.getObject(5)).isEqualTo(300);
            assertThat((Double) row.getObject(6)).isEqualTo(report.comparison().challengerAccuracy());
            assertThat((Double) row.getObject(7)).isEqualTo(report.comparison().championAccuracy());
            assertThat((Double) row.getObject(8)).isEqualTo(1.0);
            assertThat((String) row.getObject(9)).isEqualTo(report.detail());
            assertThat((Long) row.getObject(10)).isEqualTo(report.durationMillis());
        }
    }

    @Nested
    class DefinedModels {

        private ModelDefinition definition;

        @BeforeEach
        void define() {
            definition = new ModelDefinition(model, TrainingFixture.FEATURES, TrainingFixture.CLASSES, "operator", 1);
        }

        /** Writes {@code data} as events with their labels, as a replay does, one millisecond apart. */
        private void replay(TrainingData data, String prefix) {
            Map<String, dev.hatchery.scorer.Event> events = new HashMap<>();
            Map<String, dev.hatchery.feedback.Label> labels = new HashMap<>();
            for (int i = 0; i < data.size(); i++) {
                String id = prefix + "-" + String.format("%05d", i);
                events.put(id, new dev.hatchery.scorer.Event(id, model, data.x()[i], 1_000 + i));
                labels.put(id, new dev.hatchery.feedback.Label(id, model, data.classes().get(data.y()[i]), 1_000 + i));
            }
            ScorerMaps.events(member).putAll(events);
            FeedbackMaps.labels(member).putAll(labels);
        }

        @Test
        void waitForTheirFirstWindowOfLabelledEvents() {
            Trainer trainer = trainer(settings(0.0, 0));
            TrainerControls.on(member).define(definition);
            replay(rows(CONCEPT_A, 499, 3), "e");

            assertThat(trainer.bootstrapDefined(definition)).isEmpty();
            assertThat(registry.deployment(model)).isEmpty();
        }

        @Test
        void getTheirFirstVersionFromTheirLabelledEventsAndIgnoreRowsThatDoNotFit() {
            Trainer trainer = trainer(settings(0.0, 0));
            TrainerControls.on(member).define(definition);
            replay(rows(CONCEPT_A, 600, 3), "e");
            ScorerMaps.events(member).set("odd", new dev.hatchery.scorer.Event("odd", model, new double[] {1}, 1));
            FeedbackMaps.labels(member).set("odd", new dev.hatchery.feedback.Label("odd", model, "low", 1));
            ScorerMaps.events(member).set("unknown", new dev.hatchery.scorer.Event("unknown", model, new double[] {1, 2}, 2));
            FeedbackMaps.labels(member).set("unknown", new dev.hatchery.feedback.Label("unknown", model, "purple", 2));

            ModelVersion v1 = trainer.bootstrapDefined(definition).orElseThrow();

            assertThat(v1.version()).isEqualTo(1);
            assertThat(v1.features()).isEqualTo(TrainingFixture.FEATURES);
            assertThat(v1.classes()).isEqualTo(TrainingFixture.CLASSES);
            assertThat(v1.trainingRows()).isEqualTo(480);
            assertThat(v1.holdoutAccuracy()).isGreaterThan(0.8);
            assertThat(TrainerControls.on(member).trainedOn(model, 1)).as("the oldest 480 of the 600 usable events")
                    .hasSize(480).contains("e-00000", "e-00479").doesNotContain("e-00480", "e-00599", "odd", "unknown");
            assertThat(registry.deployment(model).orElseThrow().by()).startsWith("trainer@");
            assertThat(trainer.bootstrapDefined(definition)).as("once deployed, never again").isEmpty();
        }

        @Test
        void getTheirFirstVersionFromEventsWrittenAsJsonTooFeaturesByName() {
            Trainer trainer = trainer(settings(0.0, 0));
            TrainerControls.on(member).define(definition);
            TrainingData data = rows(CONCEPT_A, 600, 3);
            replay(data, "e");
            // The newest 100 come as JSON, their features in reverse order of the definition's.
            com.hazelcast.map.IMap<String, Object> json = member.getMap(ScorerMaps.EVENTS_JSON);
            List<String> names = TrainingFixture.FEATURES;
            for (int i = 500; i < 600; i++) {
                String id = "e-" + String.format("%05d", i);
                ScorerMaps.events(member).delete(id);
                StringBuilder features = new StringBuilder();
                for (int f = names.size() - 1; f >= 0; f--) {
                    features.append('"').append(names.get(f)).append("\": ").append(data.x()[i][f])
                            .append(f == 0 ? "" : ", ");
                }
                json.set(id, new com.hazelcast.core.HazelcastJsonValue("{\"id\": \"" + id + "\", \"model\": \""
                        + model + "\", \"features\": {" + features + "}, \"time_millis\": " + (1_000 + i) + "}"));
            }

            ModelVersion v1 = trainer.bootstrapDefined(definition).orElseThrow();

            assertThat(v1.trainingRows()).as("480 of all 600").isEqualTo(480);
            assertThat(TrainerControls.on(member).trainedOn(model, 1)).hasSize(480);
        }

        @Test
        void keepTheirFirstDefinition() {
            TrainerControls controls = TrainerControls.on(member);
            controls.define(definition);
            ModelDefinition other = new ModelDefinition(model, List.of("a"), List.of("x", "y"), "someone else", 2);
            assertThat(controls.define(other)).isEqualTo(definition);
            assertThat(controls.definition(model)).contains(definition);
        }
    }
}
