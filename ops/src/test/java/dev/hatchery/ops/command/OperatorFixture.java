package dev.hatchery.ops.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.ops.Hatchery;
import dev.hatchery.ops.config.HatcheryConfig;
import dev.hatchery.ops.node.HatcheryNode;
import dev.hatchery.ops.stream.LabelledRow;
import dev.hatchery.ops.stream.SeaGenerator;
import dev.hatchery.trainer.TrainingData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine;

/**
 * Real members on loopback for the operator commands' tests, the configuration file the commands
 * read, and the command line run as {@code ./hatchery} would run it, with its output captured.
 */
final class OperatorFixture implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path configFile;
    final HatcheryConfig config;
    final List<HatcheryNode> nodes = new ArrayList<>();
    /** The client {@link #lendOneClient} lent to the commands, shut down before the members. */
    private final List<HazelcastInstance> clients = new ArrayList<>();
    private Supplier<CommandLine> commandLineFn = Hatchery::commandLine;

    /** A command's exit code and what it printed. */
    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + out, e);
            }
        }
    }

    /**
     * Starts {@code members} members of a cluster of their own, on ports from {@code basePort},
     * with the extra YAML in their (and the commands') configuration.
     */
    OperatorFixture(Path dir, int members, int basePort, boolean loop, String extraYaml) {
        String name = "hatchery-ops-test-" + UUID.randomUUID().toString().substring(0, 8);
        String joinList = IntStream.range(0, 6).mapToObj(i -> "127.0.0.1:" + (basePort + i))
                .collect(Collectors.joining(", "));
        configFile = dir.resolve("hatchery.yaml");
        try {
            Files.writeString(configFile, "cluster:\n  name: " + name + "\n  host: 127.0.0.1\n  port: " + basePort
                    + "\n  members: [" + joinList + "]\n" + extraYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config = HatcheryConfig.load(configFile);
        try {
            for (int i = 0; i < members; i++) {
                HatcheryNode node = HatcheryNode.start(config);
                nodes.add(node);
            }
            if (loop) {
                nodes.forEach(HatcheryNode::startLoop);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    HatcheryNode member() {
        return nodes.getFirst();
    }

    /**
     * From now on, {@link #run} runs every command over one client (configured as the commands
     * configure theirs) instead of a client of its own each: for tests of what the commands read
     * and write rather than of how they connect, which then spend no time connecting.
     */
    OperatorFixture lendOneClient() {
        HazelcastInstance client = HazelcastClient.newHazelcastClient(ConnectionOptions.clientConfig(
                config.cluster().name(), config.cluster().members(), 10_000));
        clients.add(client);
        commandLineFn = () -> Hatchery.commandLine(client);
        return this;
    }

    /** Runs {@code hatchery ARGS --config FILE}, as an operator would. */
    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(configFile.toString());
        return execute(commandLineFn.get(), all.toArray(String[]::new));
    }

    /** Runs {@code hatchery ARGS}, each command with a client of its own. */
    static Run runExactly(String... args) {
        return execute(Hatchery.commandLine(), args);
    }

    private static Run execute(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code rows} rows of SEA concept {@code function}, to train a version on. */
    static TrainingData sea(int function, int rows, long seed) {
        SeaGenerator sea = new SeaGenerator(function, seed, 5, false);
        double[][] x = new double[rows][];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            LabelledRow row = sea.next();
            x[i] = row.features();
            y[i] = row.label();
        }
        return new TrainingData(sea.schema().features(), sea.schema().classes(), x, y);
    }

    /** Trains and publishes versions 1..{@code versions} of a model, each on another SEA concept. */
    void deployVersions(String model, int versions) {
        for (int v = 1; v <= versions; v++) {
            member().trainer().bootstrap(model, sea(1 + (v - 1) % 4, 300, v), "test");
        }
    }

    @Override
    public void close() {
        clients.forEach(HazelcastInstance::shutdown);
        nodes.reversed().forEach(HatcheryNode::close);
    }
}
