package dev.hatchery.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.query.Predicates;
import com.hazelcast.sql.SqlResult;
import com.hazelcast.sql.SqlRow;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Pin;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.scorer.ScorerMaps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Probation after automatic deployments, and pins. The concept is an XOR, which a forest
 * learns and a logistic regression cannot: an operator who switches the model to logistic
 * regression with the gate off gets a deliberately worse version deployed automatically.
 */
class TrainerProbationTests {

    private static final Predicate<double[]> XOR = x -> x[0] > 0.5 ^ x[1] > 0.5;
    private static final ProbationSettings PROBATION = new ProbationSettings(true, 300, 0.05);

    private HazelcastInstance member;
    private ModelRegistry registry;
    private String model;
    private final List<Trainer> trainers = new ArrayList<>();

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> {
            ScorerMaps.configure(config, 100_000);
            FeedbackMaps.configure(config, 100_000);
            TrainerMaps.addSerializers(config.getSerializationConfig());
        });
        TrainerMaps.createSqlMappings(member);
        registry = ModelRegistry.on(member);
        model = "p" + UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void stop() {
        trainers.forEach(Trainer::close);
        member.shutdown();
    }

    private Trainer trainer(Algorithm algorithm, boolean gate) {
        TrainingPolicy policy = new TrainingPolicy(algorithm, FitOptions.DEFAULTS, new TrainingWindow.LastRows(500, 2_000),
                0.2, TriggerSettings.manualOnly(), new GateSettings(gate, 0.0, 0.05, 0.0), 60_000,
                RecencyWeighting.DEFAULTS, SearchSettings.DEFAULTS, ShadowSettings.DEFAULTS, PROBATION);
        Trainer trainer = Trainer.on(member, TrainerSettings.of(policy));
        trainers.add(trainer);
        return trainer;
    }

    /** v1, a forest, has served 2,000 labelled events of the XOR well. */
    private void forestServesWell() {
        trainer(Algorithm.RANDOM_FOREST, true).bootstrap(model, TrainingFixture.rows(XOR, 2_000, 1), "test");
        TrainingFixture.outcomes(member, model, TrainingFixture.rows(XOR, 2_000, 2), 0, 1, 1);
    }

    /** An operator's retrain that deploys without the gate: a run of the trainer, so an automatic deployment. */
    private TrainingReport retrainDeploying(Algorithm algorithm) {
        TrainingReport report = trainer(algorithm, false).retrain(model, "alice", "try " + algorithm.id(),
                Duration.ofSeconds(60));
        assertThat(report.status()).isEqualTo(TrainingReport.Status.DEPLOYED);
        return report;
    }

    /** v2's outcomes, and the feedback job's count of them. */
    private void servedByV2(TrainingData rows, long firstEventTime) {
        TrainingFixture.outcomes(member, model, rows, firstEventTime, 2, 2);
        long outcomes = FeedbackMaps.outcomes(member).aggregate(Aggregators.count(),
                Predicates.and(Predicates.equal("model", model), Predicates.equal("epoch", 2L)));
        TrainingFixture.health(member, model, 2, 2, outcomes);
    }

    private Probation probation() {
        return TrainerMaps.probations(member).get(model);
    }

    @Nested
    class AfterAnAutomaticDeployment {

        @Test
        void aDeliberatelyWorseVersionIsRolledBackAndTheModelPinned() {
            forestServesWell();
            TrainingReport report = retrainDeploying(Algorithm.LOGISTIC_REGRESSION);
            Trainer trainer = trainers.getLast();
            assertThat(probation().status()).isEqualTo(Probation.WATCHING);
            assertThat(probation().version()).isEqualTo(report.versions().newVersion());
            assertThat(probation().previousVersion()).isEqualTo(1);

            servedByV2(TrainingFixture.rows(XOR, 299, 3), 10_000);
            assertThat(trainer.judgeProbation(model)).as("299 of 300 labelled events").isEmpty();
            assertThat(registry.deployment(model).orElseThrow().version()).isEqualTo(2);

            servedByV2(TrainingFixture.rows(XOR, 200, 4), 20_000);
            Probation verdict = trainer.judgeProbation(model).orElseThrow();

            assertThat(verdict.status()).isEqualTo(Probation.ROLLED_BACK);
            assertThat(verdict.previousAccuracy()).isGreaterThan(0.9);
            assertThat(verdict.accuracy()).isLessThan(0.7);
            Deployment now = registry.deployment(model).orElseThrow();
            assertThat(now.version()).isEqualTo(1);
            assertThat(now.action()).isEqualTo(Deployment.Action.ROLLBACK);
            assertThat(now.by()).isEqualTo(ProbationJudge.ACTOR);
            assertThat(now.reason()).contains("probation failed").contains("maxAccuracyDrop");
            Pin pin = registry.pinned(model).orElseThrow();
            assertThat(pin.by()).isEqualTo(ProbationJudge.ACTOR);
            assertThat(pin.reason()).contains("unpin");
            assertThat(registry.audits(model)).singleElement().satisfies(entry -> {
                assertThat(entry.actor()).isEqualTo(ProbationJudge.ACTOR);
                assertThat(entry.command()).isEqualTo("rollback");
                assertThat(entry.result()).contains("rolled back to v1").contains("pinned");
            });
            assertThat(trainer.judgeProbation(model)).as("decided once").isEmpty();
        }

        @Test
        void aVersionAsGoodAsTheOneItReplacedPassesAndStays() {
            forestServesWell();
            retrainDeploying(Algorithm.RANDOM_FOREST);
            servedByV2(TrainingFixture.rows(XOR, 400, 3), 10_000);

            Probation verdict = trainers.getLast().judgeProbation(model).orElseThrow();

            assertThat(verdict.status()).isEqualTo(Probation.PASSED);
            assertThat(verdict.accuracy()).isGreaterThan(0.9);
            assertThat(registry.deployment(model).orElseThrow().version()).isEqualTo(2);
            assertThat(registry.pinned(model)).isEmpty();
            try (SqlResult result = member.getSql().execute(
                    "SELECT status, previous_version FROM probations WHERE model = ?", model)) {
                SqlRow row = result.iterator().next();
                assertThat(row.<String>getObject("status")).isEqualTo(Probation.PASSED);
                assertThat(row.<Integer>getObject("previous_version")).isEqualTo(1);
            }
        }

        @Test
        void aDriftJustAfterTheDeploymentIsNotBlamedOnTheNewVersion() {
            forestServesWell();
            retrainDeploying(Algorithm.RANDOM_FOREST);
            // The world flips right after the publish: both versions are wrong on nearly every event.
            servedByV2(TrainingFixture.rows(XOR.negate(), 400, 3), 10_000);

            Probation verdict = trainers.getLast().judgeProbation(model).orElseThrow();

            assertThat(verdict.accuracy()).isLessThan(0.2);
            assertThat(verdict.previousAccuracy()).isGreaterThan(0.9);
            assertThat(verdict.status()).isEqualTo(Probation.PASSED);
            assertThat(verdict.detail()).contains("v1 on the same events").contains("would not help");
            assertThat(registry.deployment(model).orElseThrow().version()).isEqualTo(2);
            assertThat(registry.pinned(model)).isEmpty();
        }

        @Test
        void anOperatorsPublishBeforeTheVerdictEndsTheProbationWithoutARollback() {
            forestServesWell();
            retrainDeploying(Algorithm.LOGISTIC_REGRESSION);
            registry.publish(model, 1, "bob", "back to the forest by hand");
            servedByV2(TrainingFixture.rows(XOR, 400, 3), 10_000);

            Probation verdict = trainers.getLast().judgeProbation(model).orElseThrow();

            assertThat(verdict.status()).isEqualTo(Probation.ENDED);
            assertThat(verdict.detail()).contains("bob");
            assertThat(registry.deployment(model).orElseThrow().epoch()).isEqualTo(3);
            assertThat(registry.pinned(model)).isEmpty();
        }

        @Test
        void theMembersCheckDecidesItWithoutBeingAsked() {
            forestServesWell();
            retrainDeploying(Algorithm.LOGISTIC_REGRESSION);
            servedByV2(TrainingFixture.rows(XOR, 400, 3), 10_000);

            trainers.getLast().check();

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> probation().status().equals(Probation.ROLLED_BACK));
            assertThat(registry.deployment(model).orElseThrow().version()).isEqualTo(1);
        }
    }

    @Nested
    class APinnedModel {

        @Test
        void trainsAndRegistersButDeploysNothingAndSaysWhy() {
            forestServesWell();
            registry.pin(model, "carol", "quarter-end freeze");

            TrainingReport report = trainer(Algorithm.RANDOM_FOREST, false).retrain(model, "alice", "refresh",
                    Duration.ofSeconds(60));

            assertThat(report.status()).isEqualTo(TrainingReport.Status.KEPT);
            assertThat(report.versions().newVersion()).as("registered, for an operator to publish").isEqualTo(2);
            assertThat(report.detail()).contains("pinned by carol").contains("quarter-end freeze");
            assertThat(registry.deployment(model).orElseThrow().version()).isEqualTo(1);
            assertThat(probation()).as("nothing deployed, nothing on probation").isNull();
        }
    }
}
