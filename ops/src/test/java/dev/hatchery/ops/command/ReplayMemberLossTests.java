package dev.hatchery.ops.command;

import dev.hatchery.registry.Patience;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.Label;
import dev.hatchery.ops.node.LocalCluster;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.MemberServing;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ScoringAudit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smile.classification.LogisticRegression;

/**
 * {@code replay} through a real client against {@code hatchery node} processes that are killed
 * (SIGKILL) mid-stream: with one of two members left it rides out the loss and every row ends up
 * in the cluster once, scored once; with none left it ends with one line and its exit code
 * within its timeout.
 */
@Tag("process")
class ReplayMemberLossTests {

    private static final String MODEL = "resilient";
    /** Waits only: a two-core machine starts, fails over and scores slowly; {@link Patience} stretches it when loaded. */
    private static final Duration IDLE_WAIT = Duration.ofSeconds(120);
    private static final String NODE_YAML = """
            jobs:
              snapshotIntervalMillis: 1000
            trainer:
              enabled: false
            """;

    /** One CSV row: two features written with four decimals, and its class word. */
    private record Row(double a, double b, String label) {
    }

    @Test
    void losingOneOfTwoMembersMidwayWritesEveryRowOnceAndNoEventIsLostOrScoredTwice(@TempDir Path dir)
            throws Exception {
        int rows = 10_000;
        List<Row> expected = rows(rows, 7);
        Path csv = csv(dir.resolve("rows.csv"), expected);
        try (LocalCluster cluster = LocalCluster.start(clusterName(), 2, 6041, dir, NODE_YAML);
                ExecutorService replayThread = Executors.newSingleThreadExecutor()) {
            HazelcastInstance client = cluster.client();
            deploy(client, 2);
            IMap<String, Event> events = ScorerMaps.events(client);

            Future<OperatorFixture.Run> replay = replayThread.submit(() -> OperatorFixture.runExactly("replay",
                    csv.toString(), "--model", MODEL, "--label", "label", "--label-delay", "50",
                    // As fast as the cluster takes them: a write is always in flight when the member dies.
                    "--rate", "1000000",
                    // Room for a failover on a loaded machine; the default 10 s is what a user gets.
                    "--config", dir.resolve("node-0.yaml").toString(), "--timeout", "30"));
            await().atMost(Patience.of(IDLE_WAIT)).until(() -> replay.isDone() || events.size() >= rows / 4);
            assertThat(replay.isDone()).as("the replay is mid-way when the member dies").isFalse();
            // The oldest member: the jobs' coordinator, and the first address the replay's client knows.
            cluster.kill(0);
            OperatorFixture.Run run = replay.get(Patience.of(IDLE_WAIT).toSeconds(), TimeUnit.SECONDS);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("replayed " + rows + " rows as events " + MODEL + "-");
            Map<String, Event> written = new HashMap<>();
            events.values(Predicates.equal("model", MODEL)).forEach(event -> written.put(event.id(), event));
            assertThat(written).as("one event per row, each under one id").hasSize(rows);
            List<String> ids = written.keySet().stream().sorted().toList();
            String prefix = ids.getFirst().substring(0, ids.getFirst().length() - 9);
            assertThat(ids).isEqualTo(IntStream.range(0, rows).mapToObj(i -> prefix + String.format("%09d", i)).toList());
            Map<String, Label> labels = FeedbackMaps.labels(client).getAll(Set.copyOf(ids));
            for (int i = 0; i < rows; i++) {
                Row row = expected.get(i);
                assertThat(written.get(ids.get(i)).features()).as("row %d", i).containsExactly(row.a(), row.b());
                assertThat(labels.get(ids.get(i))).as("label of row %d", i).isNotNull()
                        .extracting(Label::label).isEqualTo(row.label());
            }

            await().atMost(Patience.of(IDLE_WAIT)).until(() -> ScorerMaps.predictions(client).keySet(Predicates.equal("model", MODEL))
                    .size() + ScorerMaps.deadLetters(client).size() >= rows);
            ScoringAudit audit = ScoringAudit.of(client, ids);
            assertThat(audit.lost()).as(audit.toString()).isZero();
            assertThat(audit.duplicated()).as(audit.toString()).isZero();
        }
    }

    @Test
    void whenNoMemberIsLeftItEndsWithOneLineAndItsExitCodeWithinItsTimeout(@TempDir Path dir) throws Exception {
        int timeoutSeconds = 5;
        Path csv = csv(dir.resolve("rows.csv"), rows(20_000, 11));
        try (LocalCluster cluster = LocalCluster.start(clusterName(), 1, 6061, dir, NODE_YAML);
                ExecutorService replayThread = Executors.newSingleThreadExecutor()) {
            IMap<String, Event> events = ScorerMaps.events(cluster.client());
            Future<OperatorFixture.Run> replay = replayThread.submit(() -> OperatorFixture.runExactly("replay",
                    csv.toString(), "--model", MODEL, "--label", "label", "--rate", "1000",
                    "--config", dir.resolve("node-0.yaml").toString(), "--timeout", String.valueOf(timeoutSeconds)));
            await().atMost(Patience.of(IDLE_WAIT)).until(() -> replay.isDone() || events.size() >= 2_000);
            assertThat(replay.isDone()).as("the replay is mid-way when the cluster goes").isFalse();
            long killedNanos = System.nanoTime();
            cluster.kill(0);
            OperatorFixture.Run run = replay.get(Patience.of(IDLE_WAIT).toSeconds(), TimeUnit.SECONDS);
            Duration gaveUpAfter = Duration.ofNanos(System.nanoTime() - killedNanos);

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLUSTER_UNREACHABLE.code());
            // The bar redraws itself with carriage returns: its line is one up to its newline.
            List<String> lines = List.of(run.err().split("\n"));
            assertThat(lines).as("the progress bar's line, then the error's").hasSize(2);
            assertThat(lines.getLast()).startsWith("hatchery: replay of '" + MODEL + "' stopped at row ")
                    .contains("within " + timeoutSeconds + " s");
            Matcher written = Pattern.compile("the first ([\\d,]+) rows are in the cluster").matcher(lines.getLast());
            assertThat(written.find()).as(lines.getLast()).isTrue();
            assertThat(Long.parseLong(written.group(1).replace(",", ""))).as("rows written before the kill")
                    .isGreaterThanOrEqualTo(2_000);
            // About the timeout (the client reconnects that long): a bound it keeps, with room for a loaded machine.
            assertThat(gaveUpAfter).isLessThan(Duration.ofSeconds(3L * timeoutSeconds + 30));
        }
    }

    private static String clusterName() {
        return "hatchery-replay-loss-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers and publishes a model of the rows' features and classes; returns once every member serves it. */
    private static void deploy(HazelcastInstance client, int members) {
        List<Row> training = rows(300, 3);
        double[][] x = training.stream().map(row -> new double[] {row.a(), row.b()}).toArray(double[][]::new);
        int[] y = training.stream().mapToInt(row -> row.label().equals("high") ? 1 : 0).toArray();
        ModelRegistry registry = ModelRegistry.on(client);
        registry.register(new Registration(MODEL, TrainedModel.of(Algorithm.LOGISTIC_REGRESSION, List.of("a", "b"),
                List.of("low", "high"), LogisticRegression.fit(x, y, new LogisticRegression.Options(0.1, 1e-5, 200))),
                300, 1.0, "test"));
        long epoch = registry.publish(MODEL, 1, "test", "first").epoch();
        IMap<String, MemberServing> serving = ScorerMaps.memberServing(client);
        await().atMost(Patience.of(IDLE_WAIT)).until(() -> serving.values().stream()
                .filter(s -> s.model().equals(MODEL) && s.epoch() == epoch).count() == members);
    }

    /** Rows whose class is whether a + b exceeds 1, their features as the CSV's four decimals read back. */
    private static List<Row> rows(int count, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double a = Double.parseDouble(String.format(Locale.ROOT, "%.4f", random.nextDouble()));
            double b = Double.parseDouble(String.format(Locale.ROOT, "%.4f", random.nextDouble()));
            rows.add(new Row(a, b, a + b > 1 ? "high" : "low"));
        }
        return rows;
    }

    private static Path csv(Path file, List<Row> rows) throws Exception {
        return Files.writeString(file, "a,b,label\n" + rows.stream()
                .map(row -> String.format(Locale.ROOT, "%.4f,%.4f,%s", row.a(), row.b(), row.label()))
                .collect(Collectors.joining("\n", "", "\n")));
    }
}
