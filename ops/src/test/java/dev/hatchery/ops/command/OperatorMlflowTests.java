package dev.hatchery.ops.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hatchery.registry.mlflow.MlflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's commands with the MLflow mirror on: its lag in {@code status}, the audit as tags in MLflow. */
@Tag("slow")
class OperatorMlflowTests {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static MlflowStub mlflow;
    static OperatorFixture cluster;

    @BeforeAll
    static void start() {
        mlflow = MlflowStub.start();
        cluster = new OperatorFixture(dir, 1, 5961, false, """
                trainer:
                  algorithm: logistic-regression
                  enabled: false
                mlflow:
                  trackingUri: %s
                  syncIntervalMillis: 50
                  aliasPollMillis: 200
                  retryMinMillis: 50
                  retryMaxMillis: 200
                """.formatted(mlflow.uri()));
    }

    @AfterAll
    static void stop() {
        cluster.close();
        mlflow.close();
    }

    @Test
    void statusShowsTheMirrorInSyncThenFailingWhileMlflowIsDown() {
        String model = "m" + UUID.randomUUID().toString().substring(0, 6);
        cluster.deployVersions(model, 2);
        await().atMost(WITHIN).until(() -> mlflow.alias(model, "champion").isPresent()
                && cluster.run("status", "--model", model).out().contains("in sync"));

        mlflow.unavailable(true);
        try {
            OperatorFixture.Run rollback = cluster.run("rollback", "--model", model, "--reason", "while MLflow is down");
            assertThat(rollback.exitCode()).as("MLflow being down blocks nothing: %s", rollback.err()).isZero();
            await().atMost(WITHIN).untilAsserted(() -> assertThat(cluster.run("status", "--model", model).out())
                    .contains("changes pending").contains("failing since"));
        } finally {
            mlflow.unavailable(false);
        }
        await().atMost(WITHIN).until(() -> mlflow.alias(model, "champion").equals(java.util.Optional.of("1")));
    }

    @Test
    void everyChangingCommandIsATagOfTheRegisteredModelRefusalsIncluded() {
        String model = "m" + UUID.randomUUID().toString().substring(0, 6);
        cluster.deployVersions(model, 1);
        assertThat(cluster.run("pin", "--model", model, "--reason", "freeze", "--actor", "alice").exitCode()).isZero();
        assertThat(cluster.run("rollback", "--model", model, "--reason", "oops", "--actor", "bob").exitCode())
                .isEqualTo(ExitCode.NOTHING_TO_ROLL_BACK.code());

        await().atMost(WITHIN).untilAsserted(() -> assertThat(mlflow.modelTags(model).values())
                .anySatisfy(tag -> assertThat(tag).startsWith("alice: pin").contains("freeze"))
                .anySatisfy(tag -> assertThat(tag).startsWith("bob: rollback").contains("oops")
                        .contains("refused")));
    }
}
