package dev.hatchery.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.mlflow.MlflowMirror;
import dev.hatchery.registry.mlflow.MlflowSettings;
import dev.hatchery.registry.mlflow.MlflowStub;
import dev.hatchery.scorer.LoadedModel;
import dev.hatchery.scorer.ModelHolder;
import dev.hatchery.scorer.ScorerMaps;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TrainerMlflowTests {

    private HazelcastInstance member;
    private MlflowStub stub;
    private MlflowMirror mirror;
    private Trainer trainer;
    private String model;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> {
            ScorerMaps.configure(config, 100_000);
            FeedbackMaps.configure(config, 100_000);
            TrainerMaps.addSerializers(config.getSerializationConfig());
        });
        stub = MlflowStub.start();
        mirror = MlflowMirror.start(member, MlflowSettings.DEFAULTS.withTrackingUri(stub.uri())
                .withIntervals(50, 100, 50, 200)).orElseThrow();
        trainer = Trainer.on(member, TrainerSettings.of(TrainerTests.policy(0.0, 0)).withCheckCron("* * * * * ?"));
        model = "t" + UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void stop() {
        trainer.close();
        mirror.close();
        stub.close();
        member.shutdown();
    }

    @Nested
    class ARunThatMissedTheMirror {
        @Test
        void isMirroredAtTheNextCheckOnceAndOnlyOnce() {
            trainer.bootstrap(model, TrainingFixture.rows(TrainingFixture.CONCEPT_A, 1_000, 1), "test");
            TrainingFixture.outcomes(member, model, TrainingFixture.rows(TrainingFixture.CONCEPT_B, 1_500, 3), 0, 1, 1);
            String experiment = "hatchery-" + model;
            await().atMost(Duration.ofSeconds(20)).until(() -> stub.runs(experiment).size() == 1);
            // The run finishes while this member runs no mirror, as if its member had died before the outbox write.
            mirror.close();
            TrainingReport missed = trainer.retrain(model, "alice");
            mirror = MlflowMirror.start(member, MlflowSettings.DEFAULTS.withTrackingUri(stub.uri())
                    .withIntervals(50, 100, 50, 200)).orElseThrow();

            trainer.check();
            trainer.check();

            await().atMost(Duration.ofSeconds(20)).until(() -> stub.runs(experiment).stream()
                    .anyMatch(run -> missed.runId().equals(run.tags().get("hatchery.run_id"))
                            && !run.status().equals("RUNNING")));
            assertThat(stub.runs(experiment)).extracting(run -> run.tags().get("hatchery.run_id"))
                    .containsExactly("bootstrap", missed.runId());
        }
    }

    @Nested
    class EveryTrainingRun {
        @Test
        void becomesAnMlflowRunWithItsParamsMetricsAndDecisionAndADeployedOneItsVersionAndTheAlias() {
            trainer.bootstrap(model, TrainingFixture.rows(TrainingFixture.CONCEPT_A, 1_000, 1), "test");
            TrainingFixture.outcomes(member, model, TrainingFixture.rows(TrainingFixture.CONCEPT_B, 1_500, 3), 0, 1, 1);
            TrainingReport deployed = trainer.retrain(model, "alice");
            // v2 trained on the whole window (the gate's refit): the next run needs newer rows to judge it on.
            TrainingFixture.outcomes(member, model, TrainingFixture.rows(TrainingFixture.CONCEPT_B, 500, 4), 1_500, 2, 2);
            TrainingReport kept = trainer.retrain(model, "bob");
            assertThat(deployed.status()).isEqualTo(TrainingReport.Status.DEPLOYED);
            assertThat(kept.status()).isEqualTo(TrainingReport.Status.KEPT);

            String experiment = "hatchery-" + model;
            await().atMost(Duration.ofSeconds(20)).until(() -> stub.runs(experiment).size() == 3
                    && stub.runs(experiment).stream().noneMatch(run -> run.status().equals("RUNNING"))
                    && stub.alias(model, "champion").isPresent() && stub.versions(model).size() == 2
                    && stub.alias(model, "champion").orElseThrow().equals(mlflowVersionOf(2)));
            List<MlflowStub.StubRun> runs = stub.runs(experiment);
            assertThat(runs).extracting(run -> run.tags().get("hatchery.run_id"))
                    .containsExactly("bootstrap", deployed.runId(), kept.runId());
            MlflowStub.StubRun first = runs.get(1);
            assertThat(first.params()).containsEntry("algorithm", "random-forest").containsEntry("trees", "100")
                    .containsEntry("seed", "1").containsEntry("training_rows", Integer.toString(deployed.window().trainingRows()))
                    .containsEntry("data_sha256", deployed.window().dataSha256());
            assertThat(first.metrics()).containsEntry("challenger_holdout_accuracy", deployed.comparison().challengerAccuracy())
                    .containsEntry("champion_holdout_accuracy", deployed.comparison().championAccuracy())
                    .containsKey("training_millis");
            assertThat(first.tags()).containsEntry("trigger", "manual").containsEntry("gate_decision", "DEPLOYED")
                    .containsEntry("hatchery.version", "2");
            assertThat(runs.get(2).tags()).containsEntry("gate_decision", "KEPT")
                    .containsEntry("reason", kept.detail()).doesNotContainKey("hatchery.version");
            assertThat(stub.versions(model)).extracting(v -> v.runId()).containsExactly(runs.get(0).runId(),
                    first.runId());

            // An operator moves the alias back to v1 in MLflow: this member's holder serves v1 again.
            ModelHolder holder = ModelHolder.of(member);
            await().atMost(Duration.ofSeconds(20)).until(() -> holder.serving(model).map(LoadedModel::version)
                    .equals(Optional.of(2)));
            stub.moveAlias(model, "champion", mlflowVersionOf(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> holder.serving(model).map(LoadedModel::version)
                    .equals(Optional.of(1)));
            assertThat(holder.serving(model).orElseThrow().epoch()).isEqualTo(3);
        }
    }

    private String mlflowVersionOf(int hatcheryVersion) {
        return stub.versions(model).stream().filter(v -> Integer.toString(hatcheryVersion).equals(
                v.tags().get("hatchery.version"))).map(MlflowStub.StubVersion::version).findFirst().orElse("none");
    }
}
