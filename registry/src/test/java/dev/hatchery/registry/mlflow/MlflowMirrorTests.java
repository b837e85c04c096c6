package dev.hatchery.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.AuditEntry;
import dev.hatchery.registry.ModelCodec;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.RegistryMaps;
import dev.hatchery.registry.Refusal;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.TestModels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MlflowMirrorTests {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    private HazelcastInstance member;
    private MlflowStub stub;
    private MlflowMirror mirror;
    private ModelRegistry registry;
    private MlflowServer client;
    private String model;

    @BeforeAll
    void startMemberStubAndMirror() {
        member = TestMembers.standalone(config -> { });
        RegistryMaps.createSqlMappings(member);
        stub = MlflowStub.start();
        stub.requireAuthorization("Bearer s3cret");
        MlflowSettings settings = MlflowSettings.DEFAULTS.withEnvironment(Map.of("MLFLOW_TRACKING_URI", stub.uri(),
                "MLFLOW_TRACKING_TOKEN", "s3cret")).withIntervals(50, 100, 50, 200);
        mirror = MlflowMirror.start(member, settings).orElseThrow();
        client = new MlflowServer(settings);
        registry = ModelRegistry.on(member);
    }

    @AfterAll
    void stopAll() {
        mirror.close();
        stub.close();
        member.shutdown();
    }

    @BeforeEach
    void freshModelName() {
        model = "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Nested
    class Mirrors {
        @Test
        void everyRunWithItsParamsMetricsAndTagsAndEveryVersionWithItsArtifactsAndTheAlias() throws Exception {
            ModelVersion v1 = register("run-1", 1);
            registry.publish(model, 1, "test", "first");
            MlflowMirror.recordRun(member, run("run-1", "DEPLOYED", 1));
            ModelVersion v2 = register("run-2", 2);
            registry.publish(model, 2, "test", "better");
            MlflowMirror.recordRun(member, run("run-2", "DEPLOYED", 2));
            MlflowMirror.recordRun(member, run("run-3", "KEPT", 0));

            await().atMost(WITHIN).until(() -> synced(model) && stub.runs("hatchery-" + model).size() == 3
                    && stub.runs("hatchery-" + model).stream().allMatch(r -> !r.status().equals("RUNNING")));
            List<MlflowStub.StubRun> runs = stub.runs("hatchery-" + model);
            assertThat(runs).extracting(r -> r.tags().get("hatchery.run_id")).containsExactly("run-1", "run-2", "run-3");
            MlflowStub.StubRun kept = runs.get(2);
            assertThat(kept.params()).containsEntry("algorithm", "logistic-regression").containsEntry("seed", "7");
            assertThat(kept.metrics()).containsEntry("challenger_holdout_accuracy", 0.8);
            assertThat(kept.tags()).containsEntry("trigger", "drift").containsEntry("hatchery.status", "KEPT")
                    .containsEntry("reason", "not better");
            assertThat(kept.status()).isEqualTo("FINISHED");

            List<MlflowStub.StubVersion> versions = stub.versions(model);
            assertThat(versions).extracting(v -> v.tags().get("hatchery.version")).containsExactly("1", "2");
            assertThat(versions.get(1).runId()).isEqualTo(runs.get(1).runId());
            assertThat(versions.get(1).source()).isEqualTo(runs.get(1).artifactUri() + "/v2");
            assertThat(versions.get(1).tags()).containsEntry("hatchery.epoch", "2").containsKey("deployed_at");
            assertThat(stub.alias(model, "champion")).contains("2");

            byte[] bytes = client.artifact(runs.get(1).artifactUri(), "v2/model.bin");
            assertThat(ModelCodec.sha256(bytes)).isEqualTo(v2.sha256());
            JsonNode card = new ObjectMapper().readTree(client.artifact(runs.get(1).artifactUri(), "v2/model_card.json"));
            assertThat(card.path("sha256").asText()).isEqualTo(v2.sha256());
            assertThat(card.path("features").toString()).isEqualTo("[\"a\",\"b\"]");
            assertThat(card.path("classes").toString()).isEqualTo("[\"low\",\"high\"]");
            assertThat(card.path("data_window").path("window").asText()).isEqualTo("last-rows 200");
            assertThat(ModelCodec.sha256(client.artifact(runs.get(0).artifactUri(), "v1/model.bin")))
                    .isEqualTo(v1.sha256());
        }

        @Test
        void aRollbackByTaggingTheVersionLeftAndMovingTheAlias() {
            register("run-1", 1);
            registry.publish(model, 1, "test", "first");
            register("run-2", 2);
            registry.publish(model, 2, "test", "second");
            registry.rollback(model, "oncall", "v2 answers nonsense");

            await().atMost(WITHIN).until(() -> synced(model) && stub.alias(model, "champion").equals(
                    java.util.Optional.of("1")));
            assertThat(stub.versions(model).get(1).tags()).containsEntry("rollback_reason", "v2 answers nonsense")
                    .containsKey("rolled_back_at");
            assertThat(stub.versions(model).get(0).tags()).containsEntry("hatchery.epoch", "3");
        }
    }

    @Nested
    class OperatorsCommands {
        @Test
        void becomeTagsOfTheRegisteredModelRefusalsIncluded() {
            register("run-1", 1);
            registry.publish(model, 1, "test", "first");
            registry.audit(new AuditEntry(model, 1_000, "alice", "pin", "quarter-end freeze", "pinned"));
            registry.audit(new AuditEntry(model, 2_000, "bob", "rollback", "v1 is odd",
                    "refused: model has no earlier version to roll back to"));

            await().atMost(WITHIN).until(() -> synced(model) && stub.modelTags(model).size() == 2);
            assertThat(stub.modelTags(model))
                    .containsEntry("hatchery.audit.1000.alice", "alice: pin (quarter-end freeze) -> pinned")
                    .containsEntry("hatchery.audit.2000.bob",
                            "bob: rollback (v1 is odd) -> refused: model has no earlier version to roll back to");
        }
    }

    @Nested
    class PushingAgain {
        @Test
        void afterItsOwnRecordOfMlflowsIdsIsLostFindsRunsAndVersionsByTheirTagsAndCreatesNoSecond() {
            ModelVersion v1 = register("run-1", 1);
            registry.publish(model, 1, "test", "first");
            MlflowMirror.recordRun(member, run("run-1", "DEPLOYED", 1));
            await().atMost(WITHIN).until(() -> synced(model)
                    && stub.runs("hatchery-" + model).stream().allMatch(r -> r.status().equals("FINISHED")));

            // As if a member crashed after MLflow made them but before Hazelcast remembered it.
            member.getMap(MlflowMaps.IDS).removeAll(entry -> String.valueOf(entry.getKey()).startsWith(model + "|"));
            Outbox outbox = new Outbox(member, java.time.Clock.systemUTC());
            outbox.registered(v1);
            outbox.runFinished(run("run-1", "DEPLOYED", 1));
            outbox.serving(registry.deployment(model).orElseThrow());

            await().atMost(WITHIN).until(() -> synced(model) && status(model).lastSyncAtMillis() > 0
                    && member.getMap(MlflowMaps.IDS).containsKey(OutboxEntry.runKey(model, "run-1")));
            assertThat(stub.runs("hatchery-" + model)).hasSize(1);
            assertThat(stub.versions(model)).hasSize(1);
            assertThat(stub.alias(model, "champion")).contains("1");
        }
    }

    @Nested
    class ARegisteredModelDeletedInMlflow {
        @Test
        void isMadeAgainWithTheVersionServingAndTheAlias() {
            register("run-1", 1);
            registry.publish(model, 1, "test", "first");
            await().atMost(WITHIN).until(() -> synced(model) && stub.alias(model, "champion").isPresent());

            stub.deleteRegisteredModel(model);

            await().atMost(WITHIN).until(() -> stub.alias(model, "champion").isPresent());
            assertThat(stub.versions(model)).extracting(v -> v.tags().get("hatchery.version")).containsExactly("1");
            assertThat(stub.runs("hatchery-" + model)).as("the run was left alone and found again").hasSize(1);
        }

        @Test
        void isMadeAgainWhenTheNextChangeNeedsAVersionItHad() {
            register("run-1", 1);
            registry.publish(model, 1, "test", "first");
            register("run-2", 2);
            registry.publish(model, 2, "test", "second");
            await().atMost(WITHIN).until(() -> synced(model) && status(model).mirroredEpoch() == 2);

            stub.deleteRegisteredModel(model);
            registry.rollback(model, "oncall", "v2 is wrong");

            await().atMost(WITHIN).until(() -> synced(model) && status(model).mirroredEpoch() == 3
                    && stub.alias(model, "champion").isPresent());
            String aliased = stub.alias(model, "champion").orElseThrow();
            assertThat(stub.versions(model)).filteredOn(v -> v.version().equals(aliased))
                    .extracting(v -> v.tags().get("hatchery.version")).containsExactly("1");
            assertThat(stub.runs("hatchery-" + model)).hasSize(2);
        }
    }

    @Nested
    class BasicAuth {
        @Test
        void isSentWhenThereIsNoToken() throws Exception {
            try (MlflowStub guarded = MlflowStub.start()) {
                guarded.requireAuthorization("Basic " + java.util.Base64.getEncoder().encodeToString(
                        "ops:pa55".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                MlflowServer basic = new MlflowServer(MlflowSettings.DEFAULTS.withEnvironment(Map.of(
                        "MLFLOW_TRACKING_URI", guarded.uri(), "MLFLOW_TRACKING_USERNAME", "ops",
                        "MLFLOW_TRACKING_PASSWORD", "pa55")));
                MlflowServer anonymous = new MlflowServer(MlflowSettings.DEFAULTS.withTrackingUri(guarded.uri()));

                assertThat(basic.experimentId("guarded")).isEqualTo("1");
                assertThatThrownBy(() -> anonymous.experimentId("guarded")).hasMessageContaining("HTTP 401");
            }
        }
    }

    @Nested
    class WhileMlflowIsDown {
        @Test
        void nothingWaitsAndEverythingIsSyncedOnceInOrderWhenItIsBack() {
            stub.unavailable(true);
            try {
                register("run-1", 1);
                registry.publish(model, 1, "test", "first");
                MlflowMirror.recordRun(member, run("run-1", "DEPLOYED", 1));
                register("run-2", 2);
                registry.publish(model, 2, "test", "second");
                MlflowMirror.recordRun(member, run("run-2", "DEPLOYED", 2));
                Deployment back = registry.rollback(model, "oncall", "while MLflow is down");
                // Publishing and rolling back completed without MLflow.
                assertThat(back.version()).isEqualTo(1);
                assertThat(back.epoch()).isEqualTo(3);

                await().atMost(WITHIN).untilAsserted(() -> assertThat(status(model)).satisfies(s -> {
                    assertThat(s.pendingEntries()).isPositive();
                    assertThat(s.lastFailure()).contains("503");
                }));
            } finally {
                stub.unavailable(false);
            }

            await().atMost(WITHIN).until(() -> synced(model) && stub.alias(model, "champion").isPresent()
                    && stub.runs("hatchery-" + model).stream().allMatch(r -> r.status().equals("FINISHED")));
            assertThat(stub.runs("hatchery-" + model)).extracting(r -> r.tags().get("hatchery.run_id"))
                    .containsExactly("run-1", "run-2");
            assertThat(stub.versions(model)).extracting(v -> v.version() + "=" + v.tags().get("hatchery.version"))
                    .containsExactly("1=1", "2=2");
            assertThat(stub.alias(model, "champion")).contains("1");
            assertThat(status(model).lastSyncAtMillis()).isPositive();
        }
    }

    @Nested
    class AnAliasMovedInMlflow {
        @Test
        void publishesThatVersionAsAnOperatorsRollbackFromMlflow() {
            register("run-1", 1);
            registry.publish(model, 1, "test", "first");
            register("run-2", 2);
            registry.publish(model, 2, "test", "second");
            await().atMost(WITHIN).until(() -> synced(model) && stub.alias(model, "champion").equals(
                    java.util.Optional.of("2")));

            stub.moveAlias(model, "champion", "1");

            await().atMost(WITHIN).untilAsserted(() -> assertThat(registry.deployment(model)).hasValueSatisfying(d -> {
                assertThat(d.version()).isEqualTo(1);
                assertThat(d.by()).isEqualTo(MlflowMirror.BY);
                assertThat(d.action()).isEqualTo(Deployment.Action.ROLLBACK);
                assertThat(d.reason()).contains("alias champion moved to MLflow version 1");
            }));
            await().atMost(WITHIN).until(() -> synced(model)
                    && stub.versions(model).get(1).tags().containsKey("rolled_back_at"));
            assertThat(stub.alias(model, "champion")).contains("1");
            assertThat(registry.audits(model)).singleElement().satisfies(audit -> {
                assertThat(audit.actor()).isEqualTo("mlflow");
                assertThat(audit.command()).isEqualTo("rollback");
                assertThat(audit.result()).isEqualTo("v1 serves from epoch 3");
            });
        }

        @Test
        void isRefusedAndMovedBackForAVersionHatcheryDoesNotKnow() {
            register("run-1", 1);
            registry.publish(model, 1, "test", "first");
            await().atMost(WITHIN).until(() -> synced(model) && stub.alias(model, "champion").isPresent());
            String foreign = stub.addForeignVersion(model, "mlflow-artifacts:/elsewhere/model");

            stub.moveAlias(model, "champion", foreign);

            await().atMost(WITHIN).until(() -> stub.versions(model).get(1).tags().containsKey("hatchery.alias_refused"));
            await().atMost(WITHIN).until(() -> stub.alias(model, "champion").equals(java.util.Optional.of("1")));
            assertThat(stub.versions(model).get(1).tags().get("hatchery.alias_refused"))
                    .contains("not one of Hatchery's");
            assertThat(registry.deployment(model)).hasValueSatisfying(d -> assertThat(d.epoch()).isEqualTo(1));
            assertThat(registry.audits(model)).singleElement().satisfies(audit ->
                    assertThat(audit.result()).startsWith("refused: ").contains("not one of Hatchery's"));
        }
    }

    @Nested
    class AnAliasMovedToAVersionThatFailsItsChecks {
        @Test
        void isRefusedAndMovedBackSayingWhy() {
            register("run-1", 1);
            registry.publish(model, 1, "test", "first");
            register("run-2", 2);
            registry.recordRefusal(new Refusal(model, 2, 0, "member-a", "answers outside its classes on warm-up", 5));
            await().atMost(WITHIN).until(() -> synced(model) && stub.versions(model).size() == 2
                    && stub.alias(model, "champion").isPresent());

            stub.moveAlias(model, "champion", "2");

            await().atMost(WITHIN).until(() -> stub.versions(model).get(1).tags().containsKey("hatchery.alias_refused"));
            await().atMost(WITHIN).until(() -> stub.alias(model, "champion").equals(java.util.Optional.of("1")));
            assertThat(stub.versions(model).get(1).tags().get("hatchery.alias_refused"))
                    .contains("refused by member member-a: answers outside its classes on warm-up");
            assertThat(registry.deployment(model)).hasValueSatisfying(d -> assertThat(d.version()).isEqualTo(1));
        }
    }

    @Nested
    class Settings {
        @Test
        void areOffWithoutATrackingUri() {
            assertThat(MlflowSettings.DEFAULTS.on()).isFalse();
            assertThat(MlflowMirror.start(member, MlflowSettings.DEFAULTS)).isEmpty();
        }

        @Test
        void takeMlflowsEnvironmentVariablesOverTheFile() {
            MlflowSettings settings = MlflowSettings.DEFAULTS.withTrackingUri("http://file:5000").withEnvironment(Map.of(
                    "MLFLOW_TRACKING_URI", "http://env:5000/", "MLFLOW_TRACKING_USERNAME", "ops"));
            assertThat(settings.trackingUri()).isEqualTo("http://env:5000");
            assertThat(settings.username()).isEqualTo("ops");
            assertThat(settings.experiment("sea")).isEqualTo("hatchery-sea");
        }

        @Test
        void nameEveryProblemAtOnce() {
            assertThatThrownBy(() -> new MlflowSettings("file:///tmp/mlruns", "", "", "", "hatchery-", Map.of(), 0, -1,
                    10, 5, 1000))
                    .hasMessageContaining("mlflow.trackingUri is 'file:///tmp/mlruns'")
                    .hasMessageContaining("mlflow.syncIntervalMillis is 0")
                    .hasMessageContaining("mlflow.aliasPollMillis is -1")
                    .hasMessageContaining("mlflow.retryMaxMillis is 5");
        }

        @Test
        void neverPrintTheToken() {
            assertThat(MlflowSettings.DEFAULTS.withEnvironment(Map.of("MLFLOW_TRACKING_TOKEN", "s3cret")).toString())
                    .doesNotContain("s3cret").contains("auth=token");
        }
    }

    @Nested
    class Status {
        @Test
        void isReadableFromAClientWithSql() {
            register("run-1", 1);
            registry.publish(model, 1, "test", "first");
            await().atMost(WITHIN).until(() -> synced(model));
            var rows = member.getSql().execute("SELECT pending_entries, last_sync_at_millis, champion_version"
                    + " FROM mlflow_mirror WHERE model = ?", model);
            var row = rows.iterator().next();
            assertThat((Integer) row.getObject(0)).isZero();
            assertThat((Long) row.getObject(1)).isPositive();
            assertThat((String) row.getObject(2)).isEqualTo("1");
            assertThat(MlflowMirror.on(member)).isTrue();
        }
    }

    private boolean synced(String name) {
        MirrorStatus status = status(name);
        return status.pendingEntries() == 0 && status.lastSyncAtMillis() > 0 && status.mirroredEpoch() > 0;
    }

    private MirrorStatus status(String name) {
        return MlflowMirror.status(member).stream().filter(s -> s.model().equals(name)).findFirst()
                .orElse(MirrorStatus.fresh(name).pending(0, 0, 0));
    }

    private ModelVersion register(String runId, long seed) {
        return registry.register(new Registration(model, TestModels.logistic(seed), 160, 0.9, runId));
    }

    private MirroredRun run(String runId, String status, int version) {
        return new MirroredRun(model, runId, status, 1_000, 2_000, version,
                Map.of("algorithm", "logistic-regression", "seed", "7", "window", "last-rows 200", "training_rows",
                        "160"),
                Map.of("challenger_holdout_accuracy", 0.8, "champion_holdout_accuracy", 0.7, "train_millis", 12.0),
                Map.of("trigger", "drift", "reason", version == 0 ? "not better" : "better"));
    }

}
