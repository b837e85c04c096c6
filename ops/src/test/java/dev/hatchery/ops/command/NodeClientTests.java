package dev.hatchery.ops.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import dev.hatchery.ops.node.HatcheryNode;
import dev.hatchery.scorer.DeadLetter;
import dev.hatchery.scorer.Prediction;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ScoringAudit;
import dev.hatchery.trainer.TrainingData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real non-Java client: the official Node.js client from npm runs the README's examples of
 * "Feeding Hatchery from any language" against a real member, then writes every poison value a
 * producer can, and the jobs go on. Skipped, saying so, where Node.js or npm is not installed.
 */
@Tag("process")
class NodeClientTests {

    private static final Path NODE_SOURCES = Path.of("src", "test", "node");
    private static final Path CLIENT_DIR = Path.of("target", "node-client");
    private static final Path README = Path.of("..", "README.md");
    private static final String MODEL = "fraud";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static OperatorFixture cluster;

    @BeforeAll
    static void installTheClientAndStartAMember() throws Exception {
        assumeThat(runs("node", "--version")).as("Node.js is not on the PATH: the Node.js client test is skipped")
                .isTrue();
        assumeThat(runs("npm", "--version")).as("npm is not on the PATH: the Node.js client test is skipped").isTrue();
        installClient();
        cluster = new OperatorFixture(dir, 1, 5981, true, "trainer:\n  enabled: false\n");
        cluster.member().trainer().bootstrap(MODEL, fraudRows(), "test");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The README's example model: amount, items and risk, "yes" when the risk is high. */
    private static TrainingData fraudRows() {
        Random random = new Random(5);
        double[][] x = new double[400][];
        int[] y = new int[400];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {random.nextDouble() * 1000, random.nextInt(10), random.nextDouble()};
            y[i] = x[i][2] > 0.5 ? 1 : 0;
        }
        return new TrainingData(List.of("amount", "items", "risk"), List.of("no", "yes"), x, y);
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code npm ci} of the pinned client into target/, once: later runs find it there. */
    private static void installClient() throws Exception {
        Files.createDirectories(CLIENT_DIR);
        boolean changed = false;
        for (String file : List.of("package.json", "package-lock.json")) {
            Path target = CLIENT_DIR.resolve(file);
            byte[] source = Files.readAllBytes(NODE_SOURCES.resolve(file));
            if (!Files.exists(target) || !java.util.Arrays.equals(source, Files.readAllBytes(target))) {
                Files.write(target, source);
                changed = true;
            }
        }
        if (!changed && Files.exists(CLIENT_DIR.resolve("node_modules/hazelcast-client/package.json"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(CLIENT_DIR.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci within 5 minutes").isTrue();
        assertThat(npm.exitValue()).as("npm ci of hazelcast-client: %s", output).isZero();
    }

    /** The ```js blocks of the README's Node.js section, as written there. */
    static List<String> readmeNodeExamples() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("## Feeding Hatchery from any language");
        int node = readme.indexOf("### Node.js", section);
        int end = readme.indexOf("\n### ", node + 1);
        assertThat(section).as("the README's section 'Feeding Hatchery from any language'").isNotNegative();
        Matcher blocks = Pattern.compile("```js\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(node, end));
        List<String> examples = new ArrayList<>();
        while (blocks.find()) {
            examples.add(blocks.group(1));
        }
        return examples;
    }

    /** The README's SQL queries of the section 'Start a member for real use', for this model. */
    static List<String> readmeQueries() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("```sql\n", readme.indexOf("## Start a member for real use")) + 7;
        return readme.substring(start, readme.indexOf("```", start)).lines().map(String::strip)
                .filter(line -> !line.isEmpty()).map(line -> line.replace("'sea'", "'" + MODEL + "'"))
                .map(line -> line.endsWith(";") ? line.substring(0, line.length() - 1) : line).toList();
    }

    private record NodeRun(int exitCode, String out) {
    }

    /** Runs the README's examples, with the test's waits and poison between its writes and its query. */
    private static NodeRun runReadmeExamplesWithPoison() throws Exception {
        List<String> examples = readmeNodeExamples();
        assertThat(examples).as("connect; map API; SQL writes; the query").hasSize(4);
        HazelcastInstance member = cluster.member().hazelcast();
        String address = "127.0.0.1:" + member.getCluster().getLocalMember().getAddress().getPort();
        String connect = examples.get(0)
                .replace("clusterName: 'hatchery'", "clusterName: '" + member.getConfig().getClusterName() + "'")
                .replace("'127.0.0.1:5701'", "'" + address + "'");
        String script = "(async () => {\n" + connect + examples.get(1) + examples.get(2)
                + Files.readString(NODE_SOURCES.resolve("wait-for-scoring.js"))
                + Files.readString(NODE_SOURCES.resolve("poison.js")) + examples.get(3)
                + "})().catch((e) => { console.error(e); process.exit(1); });\n";
        Path file = CLIENT_DIR.resolve("readme-examples.js");
        Files.writeString(file, script);
        ProcessBuilder builder = new ProcessBuilder("node", file.getFileName().toString())
                .directory(CLIENT_DIR.toFile()).redirectErrorStream(true);
        builder.environment().put("HATCHERY_README_QUERIES", JSON.writeValueAsString(readmeQueries()));
        Process node = builder.start();
        try {
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(3, TimeUnit.MINUTES)).as("node finished: %s", out).isTrue();
            return new NodeRun(node.exitValue(), out);
        } finally {
            node.destroyForcibly();
        }
    }

    @Test
    void theReadmeExamplesFeedAMemberAndEveryPoisonValueIsDeadLetteredWhileScoringGoesOn() throws Exception {
        NodeRun run = runReadmeExamplesWithPoison();
        HazelcastInstance member = cluster.member().hazelcast();
        assertThat(run.exitCode()).as("%s%ndead letters: %s", run.out(), Map.copyOf(ScorerMaps.deadLetters(member)))
                .isZero();

        IMap<String, Prediction> predictions = ScorerMaps.predictions(member);
        for (String id : List.of("e-1", "e-2", "e-3", "after")) {
            assertThat(predictions.get(id)).as("prediction of %s", id).isNotNull()
                    .satisfies(p -> assertThat(p.version()).isEqualTo(1));
        }
        assertThat(run.out()).as("the README's query, as printed")
                .containsPattern("e-1 v1 (no|yes) was no").containsPattern("e-2 v1 (no|yes) was yes")
                .containsPattern("after v1 (no|yes) was no");
        assertThat(run.out().lines().filter(line -> line.startsWith("README query ok"))).hasSize(readmeQueries().size());

        Map<String, String> reasons = new TreeMap<>();
        ScorerMaps.deadLetters(member).forEach((key, letter) -> reasons.put(key, letter.reason()));
        assertThat(reasons.get(DeadLetter.keyOfEvent("p-float"))).contains("'time_millis' is FLOAT64 (want INT64)");
        assertThat(reasons.get(DeadLetter.keyOfEvent("p-sql"))).contains("'features' is missing", "events_json");
        assertThat(reasons.get(DeadLetter.keyOfEvent("p-object"))).contains("a JSON value");
        assertThat(reasons.get(DeadLetter.keyOfEvent("p-json"))).contains("a JSON value");
        assertThat(reasons.get(DeadLetter.keyOfEvent("p-large"))).contains("over the limit of 1048576");
        assertThat(reasons.get(DeadLetter.keyOfEvent("p-unknown"))).contains("no version of model 'no-such-model'");
        assertThat(reasons.get(DeadLetter.keyOfJsonEvent("p-missing"))).contains("lacks the features [risk]");
        assertThat(reasons.get("label:e-3")).contains("'time_millis' is FLOAT64 (want INT64)");

        JsonNode counts = JSON.readTree(run.out().lines().filter(line -> line.startsWith("{\"events\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no counts in: " + run.out())));
        assertThat(counts.get("events").asInt()).as("e-1, after and p-unknown; the unreadable ones removed")
                .isEqualTo(3);
        assertThat(counts.get("labels").asInt()).as("e-1, e-2 and after").isEqualTo(3);

        ScoringAudit audit = ScoringAudit.of(member, ScoringAudit.eventIds(member, MODEL, 0));
        assertThat(audit.events()).as("e-1, e-2, e-3, after and p-missing").isEqualTo(5);
        assertThat(audit.duplicated()).isZero();
        assertThat(audit.lost()).isZero();
        for (String job : HatcheryNode.JOB_NAMES) {
            assertThat(member.getJet().getJob(job).getStatus()).as(job).isEqualTo(JobStatus.RUNNING);
        }
    }
}
