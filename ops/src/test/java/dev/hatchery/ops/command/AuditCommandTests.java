package dev.hatchery.ops.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.scorer.DeadLetter;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.Prediction;
import dev.hatchery.scorer.ScorerMaps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit} against one real member with no jobs running: the events, predictions and dead
 * letters are written here as the scoring job would write them, so that every case is exact.
 */
@Tag("slow")
class AuditCommandTests {

    private static final long NOW = System.currentTimeMillis();
    private static final long TWO_HOURS_AGO = NOW - Duration.ofHours(2).toMillis();

    @TempDir
    static Path dir;

    static OperatorFixture cluster;

    @BeforeAll
    static void startMember() {
        cluster = new OperatorFixture(dir, 1, 5981, false, "trainer:\n  algorithm: logistic-regression\n  enabled: false\n");
    }

    @AfterAll
    static void stopMember() {
        cluster.close();
    }

    static HazelcastInstance hazelcast() {
        return cluster.member().hazelcast();
    }

    /** A model of its own for each test, with v1 published at epoch 1. */
    static String model() {
        String model = "a" + UUID.randomUUID().toString().substring(0, 6);
        cluster.deployVersions(model, 1);
        return model;
    }

    static void event(String model, String id, long timeMillis) {
        ScorerMaps.events(hazelcast()).set(id, new Event(id, model, new double[] {1, 2, 3}, timeMillis));
    }

    /** A prediction by v1 at epoch 1, written by execution 100 of job 7. */
    static void predicted(String model, String id) {
        ScorerMaps.predictions(hazelcast()).set(id, new Prediction(id, model, 1, 1, 0, "no", 0.9,
                new double[] {0.9, 0.1}, new double[] {1, 2, 3}, NOW, NOW, 7, 100));
    }

    static void deadLettered(String model, String id) {
        String key = DeadLetter.keyOfEvent(id);
        ScorerMaps.deadLetters(hazelcast()).set(key, new DeadLetter(key, DeadLetter.EVENT_SOURCE, model,
                "event " + id + " has no features", "{}", NOW));
    }

    @Nested
    class AModelWhoseEventsAllHaveAnAnswer {

        @Test
        void countsThemInATableAndExitsZero() {
            String model = model();
            for (int i = 0; i < 5; i++) {
                event(model, model + "-" + i, NOW);
            }
            for (int i = 0; i < 4; i++) {
                predicted(model, model + "-" + i);
            }
            deadLettered(model, model + "-4");

            OperatorFixture.Run run = cluster.run("audit", "--model", model);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("AUDIT " + model, "every one kept")
                    .containsPattern("events\\s+5,")
                    .containsPattern("predictions\\s+4\\n")
                    .containsPattern("dead letters\\s+1\\n")
                    .containsPattern("lost\\s+0\\n")
                    .containsPattern("duplicated\\s+0\\n")
                    .containsPattern("stamped with a version never deployed\\s+0\\n")
                    .contains("clean: each of the 5 events has one prediction or a dead letter");
        }

        @Test
        void saysSoInJsonWithTheSameNumbers() {
            String model = model();
            for (int i = 0; i < 3; i++) {
                event(model, model + "-" + i, NOW);
                predicted(model, model + "-" + i);
            }

            OperatorFixture.Run run = cluster.run("audit", "--model", model, "--output", "json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode report = run.json();
            assertThat(report.get("model").asText()).isEqualTo(model);
            assertThat(report.get("since").isNull()).isTrue();
            assertThat(report.get("events").asLong()).isEqualTo(3);
            assertThat(report.get("predictions").asLong()).isEqualTo(3);
            assertThat(report.get("deadLetters").asLong()).isZero();
            assertThat(report.get("lost").asLong()).isZero();
            assertThat(report.get("duplicated").asLong()).isZero();
            assertThat(report.get("notDeployed").asLong()).isZero();
            assertThat(report.get("jobExecutions").asInt()).isEqualTo(1);
            assertThat(report.get("clean").asBoolean()).isTrue();
        }
    }

    @Nested
    class AModelWithAnEventLostOrScoredTwice {

        @Test
        void anEventWithNeitherAPredictionNorADeadLetterIsLostAndTheExitCodeSaysSo() {
            String model = model();
            event(model, model + "-0", NOW);
            event(model, model + "-1", NOW);
            event(model, model + "-2", NOW);
            predicted(model, model + "-0");
            deadLettered(model, model + "-1");

            OperatorFixture.Run run = cluster.run("audit", "--model", model, "--grace", "0");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.LOST_OR_DUPLICATED.code());
            assertThat(run.out()).containsPattern("lost\\s+1: neither a prediction nor a dead letter")
                    .containsPattern("duplicated\\s+0\\n")
                    .contains("NOT CLEAN: 1 lost", "./hatchery jobs");
            JsonNode report = cluster.run("audit", "--model", model, "--grace", "0", "--output", "json").json();
            assertThat(report.get("events").asLong()).isEqualTo(3);
            assertThat(report.get("predictions").asLong()).isEqualTo(1);
            assertThat(report.get("deadLetters").asLong()).isEqualTo(1);
            assertThat(report.get("lost").asLong()).isEqualTo(1);
            assertThat(report.get("clean").asBoolean()).isFalse();
        }

        @Test
        void aPredictionWrittenTwiceByTheSameExecutionIsDuplicatedAndTheExitCodeSaysSo() {
            String model = model();
            event(model, model + "-0", NOW);
            event(model, model + "-1", NOW);
            predicted(model, model + "-0");
            predicted(model, model + "-1");
            // Not a restore's overwrite (that would be another execution of the job): scored twice.
            predicted(model, model + "-1");

            OperatorFixture.Run run = cluster.run("audit", "--model", model);

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.LOST_OR_DUPLICATED.code());
            assertThat(run.out()).containsPattern("lost\\s+0\\n").containsPattern("duplicated\\s+1: ")
                    .contains("NOT CLEAN: 1 scored twice");
            JsonNode report = cluster.run("audit", "--model", model, "--output", "json").json();
            assertThat(report.get("predictions").asLong()).isEqualTo(2);
            assertThat(report.get("duplicated").asLong()).isEqualTo(1);
            assertThat(report.get("rescoredAfterRestore").asLong()).isZero();
            assertThat(report.get("clean").asBoolean()).isFalse();
        }

        @Test
        void anEventScoredWithinTheGraceIsNotLost() {
            String model = model();
            event(model, model + "-0", NOW);
            // Scored once the command is connected and has had a look, as a slow scoring job would.
            CompletableFuture<Void> scoring = CompletableFuture.runAsync(() -> {
                await().atMost(Duration.ofSeconds(30)).until(() -> !hazelcast().getClientService()
                        .getConnectedClients().isEmpty());
                LockSupport.parkNanos(Duration.ofMillis(1_500).toNanos());
                predicted(model, model + "-0");
            });

            OperatorFixture.Run run = cluster.run("audit", "--model", model, "--grace", "6");
            scoring.join();

            assertThat(run.exitCode()).as(run.out()).isZero();
            assertThat(run.out()).containsPattern("lost\\s+0\\n").containsPattern("predictions\\s+1\\n");
        }
    }

    @Nested
    class Filters {

        @Test
        void modelAndSinceAuditOnlyThatModelsEventsFromThatTimeOn() {
            String model = model();
            String other = model();
            event(model, model + "-old", TWO_HOURS_AGO);
            event(model, model + "-new", NOW);
            predicted(model, model + "-new");
            event(other, other + "-lost", NOW);

            OperatorFixture.Run lastHour = cluster.run("audit", "--model", model, "--since", "1h", "--output", "json");
            assertThat(lastHour.exitCode()).as(lastHour.out() + lastHour.err()).isZero();
            assertThat(lastHour.json().get("events").asLong()).as("the other model's lost event is not counted")
                    .isEqualTo(1);
            assertThat(Instant.parse(lastHour.json().get("since").asText()))
                    .isBetween(Instant.ofEpochMilli(TWO_HOURS_AGO), Instant.ofEpochMilli(NOW));

            String between = Instant.ofEpochMilli(NOW - Duration.ofMinutes(1).toMillis()).toString();
            OperatorFixture.Run sinceInstant = cluster.run("audit", "--model", model, "--since", between);
            assertThat(sinceInstant.exitCode()).as(sinceInstant.out()).isZero();
            assertThat(sinceInstant.out()).containsPattern("events\\s+1 since " + between + " \\(event time\\)");

            OperatorFixture.Run everything = cluster.run("audit", "--model", model, "--grace", "0", "--output", "json");
            assertThat(everything.exitCode()).isEqualTo(ExitCode.LOST_OR_DUPLICATED.code());
            assertThat(everything.json().get("events").asLong()).isEqualTo(2);
            assertThat(everything.json().get("lost").asLong()).as("the old event").isEqualTo(1);

            OperatorFixture.Run theOther = cluster.run("audit", "--model", other, "--grace", "0", "--output", "json");
            assertThat(theOther.exitCode()).isEqualTo(ExitCode.LOST_OR_DUPLICATED.code());
            assertThat(theOther.json().get("events").asLong()).isEqualTo(1);
        }

        @Test
        void aSinceThatIsNeitherATimeNorADurationIsABadOption() {
            String model = model();
            OperatorFixture.Run run = cluster.run("audit", "--model", model, "--since", "yesterday");
            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
            assertThat(run.err()).contains("'yesterday' is neither a time nor a duration", "2025-06-01T12:00:00Z", "30m");
        }

        @Test
        void anUnknownModelIsRefusedNamingTheModelsThereAre() {
            String model = model();
            OperatorFixture.Run run = cluster.run("audit", "--model", "nope");
            assertThat(run.exitCode()).isEqualTo(ExitCode.UNKNOWN_MODEL.code());
            assertThat(run.err().lines().toList()).as("one line").hasSize(1);
            assertThat(run.err()).startsWith("hatchery: ").contains("model 'nope' is not deployed", model);
            assertThat(run.out()).isEmpty();
        }
    }
}
