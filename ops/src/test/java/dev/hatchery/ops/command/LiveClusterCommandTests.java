package dev.hatchery.ops.command;

import dev.hatchery.registry.Patience;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.query.Predicates;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.FeedbackPipeline;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.scorer.DeadLetter;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.JobRecovery;
import dev.hatchery.scorer.ModelHolder;
import dev.hatchery.scorer.Prediction;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ScoringAudit;
import dev.hatchery.scorer.ScoringPipeline;
import dev.hatchery.trainer.TrainerControls;
import dev.hatchery.trainer.Trigger;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The commands that need the loop running: two real members with their scoring and feedback
 * jobs and trainer schedules, events streaming.
 */
@Tag("cluster")
class LiveClusterCommandTests {

    /** Waits only, on an idle machine: {@link Patience} stretches it on a loaded one. */
    private static final Duration IDLE_WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    static OperatorFixture cluster;

    @BeforeAll
    static void startMembers() {
        cluster = new OperatorFixture(dir, 2, 5941, true, """
                jobs:
                  snapshotIntervalMillis: 1000
                feedback:
                  quality:
                    tumblingMillis: 500
                    slidingMillis: 0
                trainer:
                  checkCron: "0/1 * * * * ?"
                  algorithm: logistic-regression
                  enabled: false
                  window:
                    minRows: 100
                """);
    }

    @AfterAll
    static void stopMembers() {
        cluster.close();
    }

    static HazelcastInstance hazelcast() {
        return cluster.member().hazelcast();
    }

    static String newModel(int versions) {
        String model = "live" + UUID.randomUUID().toString().substring(0, 6);
        cluster.deployVersions(model, versions);
        awaitEveryMemberServes(model, versions);
        return model;
    }

    /** Replays {@code rows} rows of colours ({@link Replay#colours}) into {@code model} at 4,000 rows/s; the run must succeed. */
    static OperatorFixture.Run replayColours(String model, int rows, String... moreOptions) throws Exception {
        Path csv = Replay.colours(dir.resolve(model + ".csv"), rows);
        List<String> args = new ArrayList<>(List.of("replay", csv.toString(), "--model", model, "--label", "colour",
                "--rate", "4000"));
        args.addAll(List.of(moreOptions));
        OperatorFixture.Run run = cluster.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    static void awaitEveryMemberServes(String model, int version) {
        await().atMost(Patience.of(IDLE_WAIT)).until(() -> cluster.nodes.stream().allMatch(node -> ModelHolder.of(node.hazelcast())
                .serving(model).map(loaded -> loaded.version() == version).orElse(false)));
    }

    static long predictionsOf(String model, int version) {
        return ScorerMaps.predictions(hazelcast()).keySet(Predicates.and(Predicates.equal("model", model),
                Predicates.equal("version", version))).size();
    }

    @Nested
    class Rollback {

        @Test
        void underLoadEveryMemberServesTheOldVersionAndNoEventIsLostOrScoredTwice() {
            String model = newModel(2);
            List<String> ids;
            OperatorFixture.Run run;
            try (EventProducer producer = new EventProducer(hazelcast(), model)) {
                await().atMost(Patience.of(IDLE_WAIT)).until(() -> predictionsOf(model, 2) >= 300);
                run = cluster.run("rollback", "--model", model, "--reason", "v2 under suspicion", "--wait-timeout", "30");
                await().atMost(Patience.of(IDLE_WAIT)).until(() -> predictionsOf(model, 1) >= 300);
                producer.close();
                ids = producer.ids();
            }
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("rolled back '" + model + "' to v1 (epoch 3); all 2 members serve it");
            assertThat(cluster.nodes).allSatisfy(node -> assertThat(ModelHolder.of(node.hazelcast()).serving(model)
                    .orElseThrow().version()).isEqualTo(1));
            await().atMost(Patience.of(IDLE_WAIT)).until(() -> ScorerMaps.predictions(hazelcast()).getAll(new HashSet<>(ids)).size()
                    == ids.size());
            ScoringAudit audit = ScoringAudit.of(hazelcast(), ids);
            assertThat(audit.predictions()).isEqualTo(ids.size());
            assertThat(audit.lost()).isZero();
            assertThat(audit.duplicated()).isZero();
            assertThat(audit.notDeployed()).isZero();
            Collection<Prediction> scored = ScorerMaps.predictions(hazelcast()).getAll(new HashSet<>(ids)).values();
            assertThat(scored.stream().map(Prediction::eventId).distinct().count()).isEqualTo(ids.size());

            await().atMost(Patience.of(IDLE_WAIT)).untilAsserted(() -> {
                JsonNode history = cluster.run("history", "--model", model, "--output", "json").json();
                assertThat(history.at("/deployments/2/action").asText()).isEqualTo("rollback");
                for (int epoch = 2; epoch <= 3; epoch++) {
                    JsonNode served = history.at("/deployments/" + (epoch - 1));
                    assertThat(served.get("labelled").asLong()).as("labelled at epoch %d", epoch).isPositive();
                    assertThat(served.get("accuracy").asDouble()).as("accuracy at epoch %d", epoch).isBetween(0.5, 1.0);
                }
            });
        }
    }

    @Nested
    class Audit {

        @Test
        void findsNothingLostOrScoredTwiceOfEventsTheJobsScored() {
            String model = newModel(1);
            List<String> ids;
            try (EventProducer producer = new EventProducer(hazelcast(), model)) {
                await().atMost(Patience.of(IDLE_WAIT)).until(() -> predictionsOf(model, 1) >= 300);
                producer.close();
                ids = producer.ids();
            }
            await().atMost(Patience.of(IDLE_WAIT)).until(() -> ScorerMaps.predictions(hazelcast()).getAll(new HashSet<>(ids)).size()
                    == ids.size());

            OperatorFixture.Run run = cluster.run("audit", "--model", model, "--since", "1h", "--output", "json");

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            JsonNode report = run.json();
            assertThat(report.get("events").asLong()).isEqualTo(ids.size());
            assertThat(report.get("predictions").asLong()).isEqualTo(ids.size());
            assertThat(report.get("deadLetters").asLong()).isZero();
            assertThat(report.get("lost").asLong()).isZero();
            assertThat(report.get("duplicated").asLong()).isZero();
            assertThat(report.get("notDeployed").asLong()).isZero();
        }
    }

    @Nested
    class Jobs {

        @Test
        void saysBothJobsRunAndHowOftenTheyWereResumedAfterFailures() {
            // As a member's JobWatch records a resume (JobWatchTests shows it does).
            ScorerMaps.jobRecoveries(hazelcast()).put(ScoringPipeline.JOB_NAME, new JobRecovery(ScoringPipeline.JOB_NAME,
                    2, 1_700_000_000_000L, "com.hazelcast.jet.impl.exception.ExecutionNotFoundException: gone", "member-a",
                    2, 1_699_999_990_000L));
            try {
                OperatorFixture.Run run = cluster.run("jobs");
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(run.out()).contains("hatchery-scoring", "hatchery-feedback", "running",
                        "2023-11-14T22:13:20Z", "ExecutionNotFoundException: gone");

                JsonNode jobs = cluster.run("jobs", "--output", "json").json();
                assertThat(jobs.at("/0/job").asText()).isEqualTo(ScoringPipeline.JOB_NAME);
                assertThat(jobs.at("/0/status").asText()).isEqualTo("running");
                assertThat(jobs.at("/0/resumes").asInt()).isEqualTo(2);
                assertThat(jobs.at("/1/job").asText()).isEqualTo(FeedbackPipeline.JOB_NAME);
                assertThat(jobs.at("/1/resumes").asInt()).isZero();
                assertThat(jobs.at("/1/lastResumeCause").isNull()).isTrue();
            } finally {
                ScorerMaps.jobRecoveries(hazelcast()).delete(ScoringPipeline.JOB_NAME);
            }
        }

        @Test
        void aJobFailingAgainAfterEveryResumeIsSaidToFailRepeatedlyByJobsAndStatusWithItsCause() {
            String model = newModel(1);
            long now = System.currentTimeMillis();
            // As a member's JobWatch records a streak (JobWatchTests shows it does).
            ScorerMaps.jobRecoveries(hazelcast()).put(ScoringPipeline.JOB_NAME, new JobRecovery(ScoringPipeline.JOB_NAME,
                    4, now - 1_000, "java.lang.IllegalStateException: cannot score event e-7", "member-a", 4,
                    now - 30_000));
            try {
                OperatorFixture.Run jobs = cluster.run("jobs");
                assertThat(jobs.out()).contains("FAILING REPEATEDLY since", "cannot score event e-7");
                assertThat(cluster.run("jobs", "--output", "json").json().at("/0/failingRepeatedly").asBoolean())
                        .isTrue();

                OperatorFixture.Run status = cluster.run("status", "--model", model);
                assertThat(status.out()).contains("hatchery-scoring fails repeatedly", "cannot score event e-7",
                        "see 'hatchery jobs'");
                assertThat(cluster.run("status", "--model", model, "--output", "json").json()
                        .at("/0/jobTroubles/0").asText()).contains("hatchery-scoring fails repeatedly");
            } finally {
                ScorerMaps.jobRecoveries(hazelcast()).delete(ScoringPipeline.JOB_NAME);
            }
            assertThat(cluster.run("status", "--model", model).out()).contains("scoring and feedback run");
        }

        @Test
        void aSuspendedJobIsNamedWithWhoSuspendedItAndTheExitCodeSaysSo() {
            Job feedback = hazelcast().getJet().getJob(FeedbackPipeline.JOB_NAME);
            feedback.suspend();
            try {
                await().atMost(Patience.of(IDLE_WAIT)).until(() -> feedback.getStatus() == JobStatus.SUSPENDED);
                OperatorFixture.Run run = cluster.run("jobs");
                assertThat(run.exitCode()).isEqualTo(ExitCode.JOB_NOT_RUNNING.code());
                assertThat(run.out()).contains("suspended (by an operator)");
            } finally {
                feedback.resume();
                await().atMost(Patience.of(IDLE_WAIT)).until(() -> feedback.getStatus() == JobStatus.RUNNING);
            }
            assertThat(cluster.run("jobs").exitCode()).isZero();
        }
    }

    @Nested
    class Redrive {

        @Test
        void eventsThatCameBeforeTheirModelHadAVersionAreScoredOnceAfterARedrive() {
            String model = "early" + UUID.randomUUID().toString().substring(0, 6);
            Map<String, Event> early = new HashMap<>();
            Random random = new Random(5);
            for (int i = 0; i < 50; i++) {
                early.put(model + "-" + i, new Event(model + "-" + i, model,
                        new double[] {10 * random.nextDouble(), 10 * random.nextDouble(), 10 * random.nextDouble()},
                        System.currentTimeMillis()));
            }
            ScorerMaps.events(hazelcast()).putAll(early);
            await().atMost(Patience.of(IDLE_WAIT)).until(() -> deadLettersOf(model).size() == 50);
            assertThat(deadLettersOf(model)).allSatisfy(letter -> assertThat(letter.reason())
                    .contains("no version of model '" + model + "' is deployed"));

            OperatorFixture.Run tooSoon = cluster.run("redrive", "--model", model, "--reason", "too soon");
            assertThat(tooSoon.exitCode()).isEqualTo(ExitCode.UNKNOWN_MODEL.code());
            assertThat(deadLettersOf(model)).hasSize(50);

            cluster.deployVersions(model, 1);
            awaitEveryMemberServes(model, 1);
            OperatorFixture.Run run = cluster.run("redrive", "--model", model, "--reason", "v1 is out",
                    "--reason-contains", "is deployed on member");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("model '" + model + "': re-sent 50 dead-lettered event(s) to scoring");

            List<String> ids = List.copyOf(early.keySet());
            await().atMost(Patience.of(IDLE_WAIT)).until(() -> ScorerMaps.predictions(hazelcast()).getAll(new HashSet<>(ids)).size()
                    == ids.size());
            ScoringAudit audit = ScoringAudit.of(hazelcast(), ids);
            assertThat(audit.lost()).isZero();
            assertThat(audit.duplicated()).isZero();
            assertThat(deadLettersOf(model)).isEmpty();
            assertThat(ScorerMaps.predictions(hazelcast()).getAll(new HashSet<>(ids)).values())
                    .allSatisfy(p -> assertThat(p.version()).isEqualTo(1));
            assertThat(cluster.run("history", "--model", model).out()).contains("redrive", "v1 is out",
                    "re-sent 50 dead-lettered event(s) to scoring");
        }

        @Test
        void leavesOutTheEventsTheServingVersionTrainedOn() throws Exception {
            String model = "bootstrapped" + UUID.randomUUID().toString().substring(0, 6);
            int rows = 300;
            replayColours(model, rows);
            await().atMost(Patience.of(IDLE_WAIT)).until(() -> ModelRegistry.on(hazelcast()).deployment(model).isPresent());
            awaitEveryMemberServes(model, 1);
            // Every event is either scored by v1 or a dead letter from before it.
            await().atMost(Patience.of(IDLE_WAIT)).until(() -> deadLettersOf(model).size()
                    + ScorerMaps.predictions(hazelcast()).keySet(Predicates.equal("model", model)).size() == rows);
            Set<String> trained = TrainerControls.on(hazelcast()).trainedOn(model, 1);
            assertThat(trained).hasSize(ModelRegistry.on(hazelcast()).version(model, 1).orElseThrow().trainingRows());
            Set<String> lettered = deadLettersOf(model).stream().map(letter -> DeadLetter.eventKey(letter.key()))
                    .collect(Collectors.toSet());
            Set<String> resendable = new HashSet<>(lettered);
            resendable.removeAll(trained);
            int kept = lettered.size() - resendable.size();
            assertThat(kept).as("v1 trained on events that came before it").isPositive();

            OperatorFixture.Run run = cluster.run("redrive", "--model", model, "--reason", "v1 is out");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("re-sent " + resendable.size() + " dead-lettered event(s)",
                    "kept " + kept + " dead letter(s) of events the serving version trained on");
            await().atMost(Patience.of(IDLE_WAIT)).until(() -> ScorerMaps.predictions(hazelcast()).getAll(resendable).size()
                    == resendable.size());
            Set<String> left = trained.stream().filter(lettered::contains).collect(Collectors.toSet());
            assertThat(deadLettersOf(model)).extracting(letter -> DeadLetter.eventKey(letter.key()))
                    .containsExactlyInAnyOrderElementsOf(left);
            assertThat(ScorerMaps.predictions(hazelcast()).getAll(left)).as("v1 is not graded on its training rows")
                    .isEmpty();
        }

        private static Collection<DeadLetter> deadLettersOf(String model) {
            return ScorerMaps.deadLetters(hazelcast()).values(Predicates.equal("model", model));
        }
    }

    @Nested
    class Chart {

        @Test
        void drawsAValidPngAndAnSvgWithOneSeriesPerVersion() throws Exception {
            String model = newModel(2);
            try (EventProducer producer = new EventProducer(hazelcast(), model)) {
                await().atMost(Patience.of(IDLE_WAIT)).until(() -> labelledWindows(model, 2) >= 2);
                ModelRegistry.on(hazelcast()).rollback(model, "test", "for the chart");
                await().atMost(Patience.of(IDLE_WAIT)).until(() -> labelledWindows(model, 1) >= 2);
            }
            Path png = dir.resolve("charts/accuracy.png");
            OperatorFixture.Run run = cluster.run("chart", "--model", model, "--out", png.toString(), "--since", "1h");
            assertThat(run.exitCode()).as(run.err()).isZero();
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image.getWidth()).isEqualTo(1000);

            Path svg = dir.resolve("charts/accuracy.svg");
            assertThat(cluster.run("chart", "--model", model, "--out", svg.toString()).exitCode()).isZero();
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Document document = factory.newDocumentBuilder().parse(svg.toFile());
            assertThat(document.getDocumentElement().getNodeName()).isEqualTo("svg");
            // XChart draws text as outlines, so the series are told apart by their colours.
            String text = Files.readString(svg);
            List<Color> strokes = ChartCommand.PALETTE.stream()
                    .filter(c -> text.contains("stroke:rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")"))
                    .toList();
            assertThat(strokes).as("series colours in %s", svg)
                    .containsExactly(ChartCommand.PALETTE.get(0), ChartCommand.PALETTE.get(1));
        }

        @Test
        void aModelWithNoQualityYetIsRefusedAndWritesNoFile() {
            String model = newModel(1);
            Path png = dir.resolve("empty.png");
            OperatorFixture.Run run = cluster.run("chart", "--model", model, "--out", png.toString());
            assertThat(run.exitCode()).isEqualTo(ExitCode.NO_DATA.code());
            assertThat(run.err()).contains("has no labelled quality windows");
            assertThat(png).doesNotExist();
        }

        private static long labelledWindows(String model, int version) {
            return FeedbackMaps.quality(hazelcast()).values(Predicates.and(Predicates.equal("model", model),
                    Predicates.equal("version", version))).stream().filter(q -> q.labelled() > 0).count();
        }
    }

    @Nested
    class Replay {

        @Test
        void aModelTheClusterDoesNotKnowIsDefinedFromTheHeaderTrainedOnItsFirstWindowAndScored() throws Exception {
            String model = "replayed" + UUID.randomUUID().toString().substring(0, 6);

            OperatorFixture.Run first = replayColours(model, 400);
            assertThat(first.out()).contains("replayed 400 rows", "defined model '" + model + "' from the header",
                    "features [x, y, z]", "classes [red, green, blue]");
            assertThat(first.err()).contains("\r", "400/400 rows");
            await().atMost(Patience.of(IDLE_WAIT)).until(() -> ModelRegistry.on(hazelcast()).deployment(model).isPresent());
            awaitEveryMemberServes(model, 1);
            assertThat(ModelRegistry.on(hazelcast()).version(model, 1).orElseThrow().classes())
                    .containsExactly("red", "green", "blue");

            OperatorFixture.Run second = replayColours(model, 400, "--label-delay", "50");
            assertThat(second.out()).contains("serves v1");
            await().atMost(Patience.of(IDLE_WAIT)).until(() -> predictionsOf(model, 1) >= 400);
        }

        @Test
        void statusShowsADefinedModelWaitingForItsFirstVersionWithItsLabelledAndDeadLetteredEvents() throws Exception {
            String model = "waiting" + UUID.randomUUID().toString().substring(0, 6);
            replayColours(model, 30);

            await().atMost(Patience.of(IDLE_WAIT)).untilAsserted(() -> {
                JsonNode status = cluster.run("status", "--model", model, "--output", "json").json().get(0);
                assertThat(status.get("serving").isNull()).isTrue();
                assertThat(status.at("/firstVersion/labelledEvents").asLong()).isEqualTo(30);
                assertThat(status.at("/firstVersion/minRows").asInt()).isEqualTo(100);
                assertThat(status.at("/firstVersion/classes").toString()).isEqualTo("[\"red\",\"green\",\"blue\"]");
                assertThat(status.at("/deadLetters/count").asLong()).isEqualTo(30);
            });
            OperatorFixture.Run every = cluster.run("status");
            assertThat(every.exitCode()).as(every.err()).isZero();
            assertThat(every.out()).contains("MODEL " + model, "no version yet", "features [x, y, z]",
                    "the members train v1 once 100 of its events are labelled (trainer.window.minRows): 30 so far",
                    "30 event(s)", "no version of model '" + model + "' is deployed");
            assertThat(ModelRegistry.on(hazelcast()).deployment(model)).as("30 rows are not a first window").isEmpty();
        }

        /** Three features, three colour words: the class is the largest feature, so a linear model learns it. */
        private static Path colours(Path file, int rows) throws Exception {
            Random random = new Random(5);
            StringBuilder text = new StringBuilder("x,y,colour,z\n");
            String[] colours = {"red", "green", "blue"};
            for (int i = 0; i < rows; i++) {
                double[] v = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
                int top = v[0] >= v[1] && v[0] >= v[2] ? 0 : v[1] >= v[2] ? 1 : 2;
                text.append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%.4f%n", v[0], v[1], colours[i < 3 ? i : top],
                        v[2]));
            }
            return Files.writeString(file, text);
        }
    }

    @Nested
    class Retrain {

        @Test
        void withWaitReturnsTheFinishedRunsDecision() {
            String model = newModel(1);
            try (EventProducer producer = new EventProducer(hazelcast(), model)) {
                await().atMost(Patience.of(IDLE_WAIT)).until(() -> OutcomeCount.of(hazelcast(), model) >= 200);
            }
            OperatorFixture.Run run = cluster.run("retrain", "--model", model, "--wait", "--wait-timeout", "60");
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("training run " + model + "-").containsAnyOf("DEPLOYED", "KEPT");
            assertThat(TrainerControls.on(hazelcast()).lastRun(model)).hasValueSatisfying(
                    report -> assertThat(report.triggerKind()).isEqualTo(Trigger.Kind.MANUAL));
        }

        @Test
        void withWaitEndsWithItsOwnCodeWhenTheRunFails() {
            String model = newModel(1);
            OperatorFixture.Run run = cluster.run("retrain", "--model", model, "--wait", "--wait-timeout", "60");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.RUN_FAILED.code());
            assertThat(run.out()).contains("FAILED").contains("trainer.window.minRows");
            assertThat(ModelRegistry.on(hazelcast()).deployment(model).orElseThrow().version())
                    .as("the champion keeps serving").isEqualTo(1);
        }
    }

    /** Labelled outcomes of a model so far, as the feedback job wrote them. */
    private static final class OutcomeCount {
        static long of(HazelcastInstance hazelcast, String model) {
            return FeedbackMaps.outcomes(hazelcast).aggregate(Aggregators.count(), Predicates.equal("model", model));
        }
    }
}
