package dev.hatchery.ops.command;

import dev.hatchery.registry.Patience;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import dev.hatchery.ops.node.HatcheryNode;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.Label;
import dev.hatchery.feedback.Outcome;
import dev.hatchery.registry.AuditEntry;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Pin;
import dev.hatchery.registry.Refusal;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.scorer.DeadLetter;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.trainer.ModelDefinition;
import dev.hatchery.trainer.TrainerControls;
import dev.hatchery.trainer.TrainingData;
import dev.hatchery.trainer.TrainingReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator commands against one real member (no jobs running: what they read and change is
 * the maps), over one client connection on loopback that every command borrows, in both output
 * formats. A command's own client is left to the other operator tests, and to {@link
 * BadInput#aClusterThatDoesNotAnswerFailsFastWithinTheTimeout}.
 */
@Tag("slow")
class OperatorCommandTests {

    @TempDir
    static Path dir;

    static OperatorFixture cluster;
    static ModelRegistry registry;

    @BeforeAll
    static void startMember() {
        // The gate off: a training run deploys whatever it trains, unless the model is pinned.
        cluster = new OperatorFixture(dir, 1, 5921, false, "trainer:\n  algorithm: logistic-regression\n  enabled: false\n"
                + "  gate:\n    enabled: false\n");
        cluster.lendOneClient();
        registry = ModelRegistry.on(cluster.member().hazelcast());
    }

    @AfterAll
    static void stopMember() {
        cluster.close();
    }

    /** A model of its own for each test, with {@code versions} versions published in turn. */
    static String model(int versions) {
        String model = "m" + UUID.randomUUID().toString().substring(0, 6);
        cluster.deployVersions(model, versions);
        return model;
    }

    static long epoch(String model) {
        return registry.deployment(model).orElseThrow().epoch();
    }

    /**
     * A training run of the member's trainer after 1,200 labelled outcomes of the serving version,
     * as the feedback job would have written them: with the gate off it deploys its challenger,
     * unless the model is pinned.
     */
    static TrainingReport trainerRun(String model) {
        Deployment serving = registry.deployment(model).orElseThrow();
        TrainedModel champion = registry.load(model, serving.version());
        TrainingData rows = OperatorFixture.sea(1, 1_200, 77);
        Map<String, Outcome> outcomes = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String id = model + "-outcome-" + i;
            int predicted = champion.predict(rows.x()[i]).index();
            outcomes.put(id, new Outcome(id, model, serving.version(), serving.epoch(), rows.x()[i], rows.y()[i],
                    rows.classes().get(rows.y()[i]), predicted, rows.classes().get(predicted), 1_000L + i, 0));
        }
        FeedbackMaps.outcomes(cluster.member().hazelcast()).putAll(outcomes);
        return cluster.member().trainer().retrain(model, "trainer-test", "new outcomes", Duration.ofSeconds(60));
    }

    @Nested
    class Status {

        @Test
        void saysWhatServesSinceWhenByWhomAndWhyInATable() {
            String model = model(2);
            OperatorFixture.Run run = cluster.run("status", "--model", model);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("MODEL " + model, "v2 (epoch 2)", "publish by test", "bootstrap on",
                    "1 of 1 serve it", "mlflow sync lag", "off", "paused", "pinned", "probation", "no labelled outcomes yet");
        }

        @Tag("cluster")
        @Test
        void countsOnlyTheMembersInTheClusterNowWhenOneHasLeft() {
            String model;
            HatcheryNode second = HatcheryNode.start(cluster.config);
            try {
                model = model(1);
                await().atMost(Patience.of(Duration.ofSeconds(60))).untilAsserted(() -> assertThat(
                        cluster.run("status", "--model", model).out()).contains("2 of 2 serve it"));
            } finally {
                second.close();
            }
            await().atMost(Patience.of(Duration.ofSeconds(60))).until(() -> cluster.member().hazelcast().getCluster().getMembers()
                    .size() == 1);

            OperatorFixture.Run run = cluster.run("status", "--model", model);

            assertThat(run.out()).as("the member that left still has its report in member_serving")
                    .contains("1 of 1 serve it");
        }

        @Test
        void inJsonListsEveryDeployedModelWithItsParts() {
            String model = model(1);
            cluster.member().trainer().pause(model, "carol", "maintenance");
            OperatorFixture.Run run = cluster.run("status", "--output", "json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode mine = null;
            for (JsonNode status : run.json()) {
                if (status.get("model").asText().equals(model)) {
                    mine = status;
                }
            }
            assertThat(mine).as("status of %s in %s", model, run.out()).isNotNull();
            assertThat(mine.at("/serving/version").asInt()).isEqualTo(1);
            assertThat(mine.at("/serving/epoch").asLong()).isEqualTo(1);
            assertThat(mine.at("/serving/membersServing").asInt()).isEqualTo(1);
            assertThat(mine.at("/paused/by").asText()).isEqualTo("carol");
            assertThat(mine.get("pinned").isNull()).isTrue();
            assertThat(mine.get("probation").isNull()).as("no automatic deployment, so no probation").isTrue();
            assertThat(mine.get("mlflowSyncLag").asText()).startsWith("off (no member runs an MLflow mirror");
            assertThat(mine.get("nextRun").asText()).startsWith("none scheduled");
        }

        @Test
        void countsTheModelsDeadLetteredEventsAndGivesTheNewestReason() {
            String model = model(1);
            IMap<String, DeadLetter> letters = ScorerMaps.deadLetters(cluster.member().hazelcast());
            letters.put("event:" + model + "-a", new DeadLetter("event:" + model + "-a", "event", model,
                    "event has 4 features", "{}", 1_000));
            letters.put("event:" + model + "-b", new DeadLetter("event:" + model + "-b", "event", model,
                    "non-finite value NaN at feature 1", "{}", 2_000));
            letters.put("label:" + model + "-c", new DeadLetter("label:" + model + "-c", "label", model,
                    "a label, not an event", "{}", 3_000));
            String other = model(1);

            OperatorFixture.Run run = cluster.run("status", "--model", model);
            assertThat(run.out()).contains("dead letters", "2 event(s), the newest at 1970-01-01T00:00:02Z: "
                    + "non-finite value NaN at feature 1", "hatchery redrive --model " + model);
            JsonNode status = cluster.run("status", "--model", model, "--output", "json").json().get(0);
            assertThat(status.at("/deadLetters/count").asLong()).isEqualTo(2);
            assertThat(status.at("/deadLetters/newestReason").asText()).isEqualTo("non-finite value NaN at feature 1");
            JsonNode clean = cluster.run("status", "--model", other, "--output", "json").json().get(0);
            assertThat(clean.get("deadLetters").isNull()).isTrue();
        }

        @Test
        void listsTheVersionsMembersRefusedAndWhy() {
            String model = model(2);
            registry.recordRefusal(new Refusal(model, 1, 0, "member-x", "checksum mismatch", 5));
            JsonNode status = cluster.run("status", "--model", model, "--output", "json").json().get(0);
            assertThat(status.at("/refusals/0/version").asInt()).isEqualTo(1);
            assertThat(status.at("/refusals/0/reason").asText()).isEqualTo("checksum mismatch");
        }
    }

    @Nested
    class Changes {

        @Test
        void rollbackReturnsToThePreviousVersionOnceEveryMemberServesItAndSaysHowLongThatTook() {
            String model = model(3);
            OperatorFixture.Run run = cluster.run("rollback", "--model", model, "--reason", "v3 is worse", "--actor",
                    "dana");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).containsPattern("rolled back '" + model + "' to v2 \\(epoch 4\\); all 1 members serve"
                    + " it after \\d+\\.\\d{3} s");
            assertThat(cluster.member().hazelcast().getCluster().getMembers()).hasSize(1);
            assertThat(dev.hatchery.scorer.ModelHolder.of(cluster.member().hazelcast()).serving(model).orElseThrow()
                    .version()).isEqualTo(2);
            assertThat(registry.audits(model)).extracting(AuditEntry::actor, AuditEntry::command, AuditEntry::reason,
                    AuditEntry::result).containsExactly(org.assertj.core.groups.Tuple.tuple("dana", "rollback",
                    "v3 is worse", "now v2 at epoch 4; pinned"));
        }

        @Test
        void rollbackToANamedVersionIsARollbackWithAHigherEpoch() {
            String model = model(3);
            assertThat(cluster.run("rollback", "--model", model, "--to", "1", "--reason", "back to the start")
                    .exitCode()).isZero();
            Deployment now = registry.deployment(model).orElseThrow();
            assertThat(now.version()).isEqualTo(1);
            assertThat(now.epoch()).isEqualTo(4);
            assertThat(now.action()).isEqualTo(Deployment.Action.ROLLBACK);
        }

        @Test
        void promotePublishesAnOlderVersionAgain() {
            String model = model(2);
            OperatorFixture.Run run = cluster.run("promote", "--model", model, "--version", "1", "--reason", "v1 is fine");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("promoted '" + model + "' v1 (epoch 3)");
            assertThat(registry.deployment(model).orElseThrow().action()).isEqualTo(Deployment.Action.PUBLISH);
        }

        @Test
        void pinAndUnpinShowInStatusAndTheAudit() {
            String model = model(1);
            assertThat(cluster.run("pin", "--model", model, "--reason", "quarter end", "--actor", "erin").exitCode())
                    .isZero();
            assertThat(registry.pinned(model)).isPresent();
            JsonNode status = cluster.run("status", "--model", model, "--output", "json").json().get(0);
            assertThat(status.at("/pinned/by").asText()).isEqualTo("erin");
            assertThat(status.at("/pinned/reason").asText()).isEqualTo("quarter end");

            OperatorFixture.Run unpin = cluster.run("unpin", "--model", model, "--actor", "erin");
            assertThat(unpin.exitCode()).isZero();
            assertThat(unpin.out()).contains("unpinned");
            assertThat(registry.pinned(model)).isEmpty();
            assertThat(cluster.run("unpin", "--model", model).out()).contains("was not pinned: nothing changed");
            assertThat(registry.audits(model)).extracting(AuditEntry::command).containsExactly("pin", "unpin", "unpin");
        }

        @Test
        void scheduleCanBePausedAndResumed() {
            String model = model(1);
            OperatorFixture.Run pause = cluster.run("schedule", "pause", "--model", model, "--reason", "noisy labels");
            assertThat(pause.exitCode()).as(pause.err()).isZero();
            assertThat(TrainerControls.on(cluster.member().hazelcast()).paused(model)).hasValueSatisfying(
                    p -> assertThat(p.reason()).isEqualTo("noisy labels"));
            assertThat(cluster.run("schedule", "resume", "--model", model).exitCode()).isZero();
            assertThat(TrainerControls.on(cluster.member().hazelcast()).paused(model)).isEmpty();
        }

        @Test
        void retrainLeavesARequestForTheMembers() {
            String model = model(1);
            OperatorFixture.Run run = cluster.run("retrain", "--model", model, "--reason", "new data");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("requested a training run of '" + model + "'");
            assertThat(cluster.member().hazelcast().getMap("training_requests").containsKey(model)).isTrue();
        }
    }

    /** An operator's rollback or promote pins the model, so that the trainer's next run does not undo it. */
    @Nested
    class ChangesThatStick {

        @Test
        void aRollbackPinsTheModelToItsVersionSoATrainingRunAfterwardsDeploysNothing() {
            String model = model(3);
            OperatorFixture.Run run = cluster.run("rollback", "--model", model, "--reason", "v3 is worse", "--actor",
                    "dana");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("rolled back '" + model + "' to v2 (epoch 4)", "pinned '" + model + "' to v2",
                    "'./hatchery unpin --model " + model + "' resumes automatic deployment");
            Pin pin = registry.pinned(model).orElseThrow();
            assertThat(pin.by()).isEqualTo("dana");
            assertThat(pin.reason()).isEqualTo("rollback to v2 (epoch 4): v3 is worse");

            TrainingReport report = trainerRun(model);

            assertThat(report.status()).isEqualTo(TrainingReport.Status.KEPT);
            assertThat(report.detail()).contains("not deployed", "pinned by dana", "rollback to v2");
            assertThat(registry.deployment(model).orElseThrow()).extracting(Deployment::version, Deployment::epoch)
                    .containsExactly(2, 4L);
        }

        @Test
        void statusSaysWhoPinnedItByWhichRollbackAndHowToResume() {
            String model = model(2);
            assertThat(cluster.run("rollback", "--model", model, "--reason", "v2 misclassifies weekends", "--actor",
                    "dana").exitCode()).isZero();

            OperatorFixture.Run table = cluster.run("status", "--model", model);
            assertThat(table.out()).containsPattern("pinned\\s+by dana since \\S+: rollback to v1 \\(epoch 3\\): v2"
                    + " misclassifies weekends; './hatchery unpin --model " + model + "' resumes automatic deployment");
            JsonNode status = cluster.run("status", "--model", model, "--output", "json").json().get(0);
            assertThat(status.at("/pinned/by").asText()).isEqualTo("dana");
            assertThat(status.at("/pinned/reason").asText()).isEqualTo("rollback to v1 (epoch 3): v2 misclassifies weekends");
        }

        @Test
        void aRollbackWithKeepAutomaticPinsNothingAndATrainingRunDeploysAgain() {
            String model = model(3);
            OperatorFixture.Run run = cluster.run("rollback", "--model", model, "--reason", "a look at v2",
                    "--keep-automatic");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("rolled back '" + model + "' to v2 (epoch 4)",
                    "not pinned (--keep-automatic): the trainer may deploy a newer version");
            assertThat(registry.pinned(model)).isEmpty();

            TrainingReport report = trainerRun(model);

            assertThat(report.status()).isEqualTo(TrainingReport.Status.DEPLOYED);
            assertThat(registry.deployment(model).orElseThrow().version()).isEqualTo(report.versions().newVersion());
            assertThat(registry.audits(model)).extracting(AuditEntry::command, AuditEntry::result).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("rollback --keep-automatic",
                            "now v2 at epoch 4; not pinned (--keep-automatic)"));
        }

        @Test
        void aPromotePinsTheModelToTheVersionPromoted() {
            String model = model(2);
            OperatorFixture.Run run = cluster.run("promote", "--model", model, "--version", "1", "--reason",
                    "v1 is the audited one", "--actor", "erin");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("promoted '" + model + "' v1 (epoch 3)", "pinned '" + model + "' to v1",
                    "'./hatchery unpin --model " + model + "'");
            assertThat(registry.pinned(model).orElseThrow().reason()).isEqualTo("promote of v1 (epoch 3): v1 is the"
                    + " audited one");

            assertThat(trainerRun(model).status()).isEqualTo(TrainingReport.Status.KEPT);
            assertThat(registry.deployment(model).orElseThrow().version()).isEqualTo(1);
            assertThat(registry.audits(model)).extracting(AuditEntry::result).containsExactly("now v1 at epoch 3; pinned");
        }

        @Test
        void aPromoteWithKeepAutomaticPinsNothing() {
            String model = model(2);
            OperatorFixture.Run run = cluster.run("promote", "--model", model, "--version", "1", "--reason", "try v1",
                    "--keep-automatic");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("promoted '" + model + "' v1 (epoch 3)", "not pinned (--keep-automatic)");
            assertThat(registry.pinned(model)).isEmpty();
        }

        @Test
        void aRollbackOfAPinnedModelWorksAndRepinsItForTheOperatorsReason() {
            String model = model(3);
            registry.pin(model, "gus", "quarter-end freeze");

            OperatorFixture.Run run = cluster.run("rollback", "--model", model, "--reason", "v3 is worse", "--actor",
                    "dana");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("rolled back '" + model + "' to v2 (epoch 4)",
                    "re-pinned '" + model + "' to v2 for this reason, replacing the pin by gus (quarter-end freeze)",
                    "./hatchery unpin --model " + model);
            Pin pin = registry.pinned(model).orElseThrow();
            assertThat(pin.by()).isEqualTo("dana");
            assertThat(pin.reason()).isEqualTo("rollback to v2 (epoch 4): v3 is worse");
            assertThat(registry.audits(model)).extracting(AuditEntry::result).singleElement().asString()
                    .startsWith("now v2 at epoch 4; re-pinned (was pinned by gus since ").endsWith(": quarter-end freeze)");
        }

        @Test
        void aRollbackWithKeepAutomaticLeavesAnEarlierPinAsItWas() {
            String model = model(3);
            Pin earlier = registry.pin(model, "gus", "quarter-end freeze");

            OperatorFixture.Run run = cluster.run("rollback", "--model", model, "--reason", "v3 is worse",
                    "--keep-automatic");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("'" + model + "' stays pinned by gus", "quarter-end freeze",
                    "--keep-automatic adds no pin and lifts none");
            assertThat(registry.pinned(model)).contains(earlier);
            assertThat(registry.deployment(model).orElseThrow().version()).isEqualTo(2);
        }
    }

    @Nested
    class Reading {

        @Test
        void historyListsEveryDeploymentAndTheAuditInBothFormats() {
            String model = model(2);
            cluster.run("rollback", "--model", model, "--reason", "oops", "--actor", "fay");
            OperatorFixture.Run table = cluster.run("history", "--model", model);
            assertThat(table.exitCode()).as(table.err()).isZero();
            assertThat(table.out()).contains("EPOCH", "ACCURACY", "rollback", "fay", "oops");

            JsonNode json = cluster.run("history", "--model", model, "--output", "json").json();
            assertThat(json.get("deployments")).hasSize(3);
            assertThat(json.at("/deployments/2/action").asText()).isEqualTo("rollback");
            assertThat(json.at("/deployments/2/version").asInt()).isEqualTo(1);
            assertThat(json.at("/deployments/0/labelled").asLong()).isZero();
            assertThat(json.at("/audit/0/actor").asText()).isEqualTo("fay");
        }

        @Test
        void sqlPrintsTheRowsAsATableOrJson() {
            String model = model(2);
            String query = "SELECT version, epoch FROM deployment_history WHERE model = '" + model + "' ORDER BY epoch";
            OperatorFixture.Run table = cluster.run("sql", query);
            assertThat(table.exitCode()).as(table.err()).isZero();
            assertThat(table.out()).contains("version", "epoch", "(2 rows)");
            JsonNode json = cluster.run("sql", query, "--output", "json").json();
            assertThat(json.get("columns")).extracting(JsonNode::asText).containsExactly("version", "epoch");
            assertThat(json.at("/rows/1/version").asInt()).isEqualTo(2);
        }
    }

    @Nested
    class BadInput {

        private void assertRefused(OperatorFixture.Run run, ExitCode code, String... message) {
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(code.code());
            assertThat(run.err().lines().toList()).as("one line").hasSize(1);
            assertThat(run.err()).startsWith("hatchery: ").contains(message);
        }

        @Test
        void anUnknownModelIsNamedWithTheModelsThereAre() {
            String model = model(1);
            assertRefused(cluster.run("status", "--model", "nope"), ExitCode.UNKNOWN_MODEL,
                    "model 'nope' is not deployed", model);
            assertRefused(cluster.run("rollback", "--model", "nope", "--reason", "x"), ExitCode.UNKNOWN_MODEL, "nope");
        }

        @Test
        void anUnknownVersionChangesNothing() {
            String model = model(2);
            assertRefused(cluster.run("promote", "--model", model, "--version", "9", "--reason", "typo"),
                    ExitCode.UNKNOWN_VERSION, "has no version 9", "registered are [v1, v2]");
            assertRefused(cluster.run("rollback", "--model", model, "--to", "7", "--reason", "typo"),
                    ExitCode.UNKNOWN_VERSION, "has no version 7");
            assertThat(epoch(model)).isEqualTo(2);
            assertThat(registry.audits(model)).extracting(AuditEntry::result)
                    .allSatisfy(result -> assertThat(result).startsWith("refused: "));
        }

        @Test
        void aRollbackWithNoEarlierVersionChangesNothing() {
            String model = model(1);
            assertRefused(cluster.run("rollback", "--model", model, "--reason", "x"), ExitCode.NOTHING_TO_ROLL_BACK,
                    "no earlier version to roll back to");
            assertThat(epoch(model)).isEqualTo(1);
        }

        @Test
        void aPromoteOfARefusedVersionChangesNothing() {
            String model = model(2);
            registry.recordRefusal(new Refusal(model, 1, 1, "member-y", "warm-up predictions out of range", 9));
            assertRefused(cluster.run("promote", "--model", model, "--version", "1", "--reason", "x"),
                    ExitCode.VERSION_REFUSED, "v1 was refused", "warm-up predictions out of range");
            assertThat(epoch(model)).isEqualTo(2);
        }

        @Test
        void aPromoteOfTheServingVersionOrASecondPinChangesNothing() {
            String model = model(1);
            assertRefused(cluster.run("promote", "--model", model, "--version", "1", "--reason", "x"),
                    ExitCode.ALREADY_SERVING, "already serves");
            cluster.run("pin", "--model", model, "--reason", "first", "--actor", "gus");
            OperatorFixture.Run again = cluster.run("pin", "--model", model, "--reason", "second");
            assertRefused(again, ExitCode.ALREADY_PINNED, "gus", "first");
            assertThat(again.err()).containsOnlyOnce("unpin it first");
            assertThat(registry.pinned(model).orElseThrow().reason()).isEqualTo("first");
            assertThat(epoch(model)).isEqualTo(1);
        }

        @Test
        void aRefusedRollbackOrPromoteLeavesThePinsAsTheyWere() {
            String unpinned = model(1);
            assertRefused(cluster.run("rollback", "--model", unpinned, "--reason", "x"), ExitCode.NOTHING_TO_ROLL_BACK,
                    "no earlier version to roll back to");
            assertThat(registry.pinned(unpinned)).as("no pin for a move that was refused").isEmpty();

            String pinned = model(2);
            Pin earlier = registry.pin(pinned, "gus", "quarter-end freeze");
            assertRefused(cluster.run("promote", "--model", pinned, "--version", "2", "--reason", "x"),
                    ExitCode.ALREADY_SERVING, "already serves");
            assertRefused(cluster.run("rollback", "--model", pinned, "--to", "9", "--reason", "x"),
                    ExitCode.UNKNOWN_VERSION, "has no version 9");
            assertThat(registry.pinned(pinned)).contains(earlier);
            assertThat(epoch(pinned)).isEqualTo(2);
        }

        @Test
        void aMalformedQueryIsRefused() {
            assertRefused(cluster.run("sql", "SELEKT * FROM deployments"), ExitCode.BAD_SQL, "SQL failed");
        }

        @Test
        void aStatementThatWouldChangeAMapIsRefusedAndChangesNothing() {
            String model = model(2);
            assertRefused(cluster.run("sql", "DELETE FROM deployments WHERE __key = '" + model + "'"), ExitCode.BAD_SQL,
                    "sql runs queries only", "audited commands");
            assertRefused(cluster.run("sql", "SINK INTO deployments SELECT * FROM deployments"), ExitCode.BAD_SQL,
                    "sql runs queries only");
            assertThat(registry.deployment(model).orElseThrow().version()).isEqualTo(2);
            assertThat(cluster.run("sql", "SHOW MAPPINGS").out()).contains("deployments");
        }

        @Test
        void aReplaySaysHowManyRowsItSkippedForHavingNoLabel() throws Exception {
            String model = "gaps" + UUID.randomUUID().toString().substring(0, 6);
            Path csv = Files.writeString(dir.resolve(model + ".csv"), "a,b,label\n1,2,x\n5,6,\n7,8,y\n");
            OperatorFixture.Run run = cluster.run("replay", csv.toString(), "--model", model, "--label", "label");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("replayed 2 rows",
                    "skipped 1 row(s) with no value in column 'label' (the first: '5,6,')");
            assertThat(registry.audits(model)).anySatisfy(entry -> assertThat(entry.result()).contains("skipped 1 row(s)"));
        }

        @Test
        void aReplayKeepsAQuotedLabelWithACommaAsOneClass() throws Exception {
            String model = "quoted" + UUID.randomUUID().toString().substring(0, 6);
            Path csv = Files.writeString(dir.resolve(model + ".csv"),
                    "\ufefflinks,\"length, in words\",verdict\r\n3,120,\"yes, phishing\"\r\n0,80,no\r\n");
            OperatorFixture.Run run = cluster.run("replay", csv.toString(), "--model", model, "--label", "verdict");
            assertThat(run.exitCode()).as(run.err()).isZero();
            ModelDefinition defined = TrainerControls.on(cluster.member().hazelcast()).definition(model).orElseThrow();
            assertThat(defined.features()).containsExactly("links", "length, in words");
            assertThat(defined.classes()).containsExactly("yes, phishing", "no");
            assertThat(labelsOf(model)).extracting(Label::label).containsExactlyInAnyOrder("yes, phishing", "no");
        }

        @Test
        void aReplayOfARaggedCsvIsRefusedWithItsLineAndWritesNothing() throws Exception {
            String model = "ragged" + UUID.randomUUID().toString().substring(0, 6);
            Path wide = Files.writeString(dir.resolve(model + "-wide.csv"), "x,y,verdict\n1,2,no\n3,4,yes, phishing\n");
            assertRefused(cluster.run("replay", wide.toString(), "--model", model, "--label", "verdict"),
                    ExitCode.UNREADABLE_FILE, "line 3 has 4 cell(s), the header 3", "quote a cell that holds a comma");
            Path narrow = Files.writeString(dir.resolve(model + "-narrow.csv"), "x,y,verdict\n1,2,no\n3,4,yes\n5,6\n");
            assertRefused(cluster.run("replay", narrow.toString(), "--model", model, "--label", "verdict"),
                    ExitCode.UNREADABLE_FILE, "line 4 has 2 cell(s), the header 3");
            assertNothingWritten(model);
        }

        @Test
        void aReplayOfACsvWithAWordFeatureColumnIsRefusedAndWritesNothing() throws Exception {
            String model = "words" + UUID.randomUUID().toString().substring(0, 6);
            Path csv = Files.writeString(dir.resolve(model + ".csv"), "links,verdict,label\n3,1,spam\n0,x,ham\n"
                    + "7,y,spam\n");
            assertRefused(cluster.run("replay", csv.toString(), "--model", model, "--label", "verdict"),
                    ExitCode.UNREADABLE_FILE, "column 'label' is not numeric", "the first on line 2 ('spam')",
                    "pass it as --label if it holds the class");
            assertNothingWritten(model);
        }

        private static List<Label> labelsOf(String model) {
            return FeedbackMaps.labels(cluster.member().hazelcast()).values().stream()
                    .filter(label -> model.equals(label.model())).toList();
        }

        /** Not an event, a label, a definition or an audit entry: the file was refused before connecting. */
        private static void assertNothingWritten(String model) {
            assertThat(ScorerMaps.events(cluster.member().hazelcast()).values(Predicates.equal("model", model))).isEmpty();
            assertThat(labelsOf(model)).isEmpty();
            assertThat(TrainerControls.on(cluster.member().hazelcast()).definition(model)).isEmpty();
            assertThat(registry.audits(model)).isEmpty();
        }

        @Test
        void aMissingCsvIsRefusedBeforeConnecting() {
            assertRefused(cluster.run("replay", dir.resolve("missing.csv").toString(), "--model", "x", "--label", "y"),
                    ExitCode.UNREADABLE_FILE, "missing.csv", "no such file");
        }

        @Test
        void aCsvWithoutTheLabelColumnChangesNothing() throws Exception {
            Path csv = dir.resolve("nolabel.csv");
            Files.writeString(csv, "a,b,c\n1,2,3\n");
            assertRefused(cluster.run("replay", csv.toString(), "--model", "fresh", "--label", "class"),
                    ExitCode.SCHEMA_MISMATCH, "no column 'class'");
            assertThat(TrainerControls.on(cluster.member().hazelcast()).definition("fresh")).isEmpty();
        }

        @Test
        void aCsvWhoseFeaturesDoNotFitTheModelChangesNothing() throws Exception {
            String model = model(1);
            Path csv = dir.resolve("other.csv");
            Files.writeString(csv, "a,b,class\n1,2,x\n3,4,y\n");
            assertRefused(cluster.run("replay", csv.toString(), "--model", model, "--label", "class"),
                    ExitCode.SCHEMA_MISMATCH, "features", "[a, b]");
            assertThat(ScorerMaps.events(cluster.member().hazelcast()).values(Predicates.equal("model", model))).isEmpty();
        }

        @Test
        void aClusterThatDoesNotAnswerFailsFastWithinTheTimeout() {
            long started = System.nanoTime();
            OperatorFixture.Run run = OperatorFixture.runExactly("status", "--cluster", "127.0.0.1:5999",
                    "--timeout", "2");
            assertRefused(run, ExitCode.CLUSTER_UNREACHABLE, "no member of cluster 'hatchery'", "127.0.0.1:5999",
                    "within 2 s");
            assertThat((System.nanoTime() - started) / 1e9).isLessThan(15);
        }

        @Test
        void everyExitCodeIsDistinct() {
            assertThat(List.of(ExitCode.values())).extracting(ExitCode::code).doesNotHaveDuplicates();
        }
    }
}
