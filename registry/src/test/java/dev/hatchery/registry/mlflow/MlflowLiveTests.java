package dev.hatchery.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.registry.ModelCodec;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.TestModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The full mirror against a real MLflow tracking server (started with {@code --serve-artifacts}),
 * run only when {@code MLFLOW_TRACKING_URI} names one; credentials come from MLflow's own
 * environment variables. Each run uses a model name of its own, so it can run again and again.
 */
@EnabledIfEnvironmentVariable(named = "MLFLOW_TRACKING_URI", matches = ".+")
class MlflowLiveTests {

    private HazelcastInstance member;
    private MlflowMirror mirror;
    private MlflowServer server;
    private ModelRegistry registry;
    private String model;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> { });
        MlflowSettings settings = MlflowSettings.DEFAULTS.withEnvironment(System.getenv())
                .withIntervals(200, 500, 200, 2_000);
        mirror = MlflowMirror.start(member, settings).orElseThrow();
        server = new MlflowServer(settings);
        registry = ModelRegistry.on(member);
        model = "hatchery-live-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        mirror.close();
        member.shutdown();
    }

    @Nested
    class ARealServer {
        @Test
        void holdsEveryRunVersionArtifactAndTheAliasAfterwards() {
            ModelVersion v1 = registry.register(new Registration(model, TestModels.logistic(1), 160, 0.9, "live-1"));
            registry.publish(model, 1, "live-test", "first");
            MlflowMirror.recordRun(member, run("live-1", 1));
            ModelVersion v2 = registry.register(new Registration(model, TestModels.logistic(2), 160, 0.92,
                    "live-2"));
            registry.publish(model, 2, "live-test", "second");
            MlflowMirror.recordRun(member, run("live-2", 2));

            await().atMost(Duration.ofSeconds(60)).until(() -> server.alias(model, "champion")
                    .map(version -> hatcheryVersion(version).equals("2")).orElse(false));
            String experiment = server.experimentId("hatchery-" + model);
            for (ModelVersion version : List.of(v1, v2)) {
                JsonNode run = await().atMost(Duration.ofSeconds(60)).until(() -> server.runTagged(experiment,
                        "hatchery.run_id", version.runId()).filter(r -> r.path("info").path("status").asText()
                        .equals("FINISHED")), found -> found.isPresent()).orElseThrow();
                assertThat(param(run, "algorithm")).isEqualTo("logistic-regression");
                byte[] bytes = server.artifact(run.path("info").path("artifact_uri").asText(),
                        "v" + version.version() + "/model.bin");
                assertThat(ModelCodec.sha256(bytes)).isEqualTo(version.sha256());
            }
            List<String> mirrored = new ArrayList<>();
            server.versions(model).forEach(version -> mirrored.add(hatcheryVersion(version)));
            assertThat(mirrored).containsExactlyInAnyOrder("1", "2");
        }
    }

    private MirroredRun run(String runId, int version) {
        return new MirroredRun(model, runId, "DEPLOYED", System.currentTimeMillis() - 1_000, System.currentTimeMillis(),
                version, Map.of("algorithm", "logistic-regression", "seed", "1"),
                Map.of("challenger_holdout_accuracy", 0.9), Map.of("trigger", "manual"));
    }

    private static String hatcheryVersion(JsonNode version) {
        for (JsonNode tag : version.path("tags")) {
            if (tag.path("key").asText().equals("hatchery.version")) {
                return tag.path("value").asText();
            }
        }
        return "";
    }

    private static String param(JsonNode run, String key) {
        for (JsonNode param : run.path("data").path("params")) {
            if (param.path("key").asText().equals(key)) {
                return param.path("value").asText();
            }
        }
        return "";
    }
}
