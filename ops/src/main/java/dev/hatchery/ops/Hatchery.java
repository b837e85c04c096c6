package dev.hatchery.ops;

import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.ops.command.AuditCommand;
import dev.hatchery.ops.command.ChartCommand;
import dev.hatchery.ops.command.CommandFailure;
import dev.hatchery.ops.command.ConnectionOptions;
import dev.hatchery.ops.command.ExitCode;
import dev.hatchery.ops.command.HistoryCommand;
import dev.hatchery.ops.command.JobsCommand;
import dev.hatchery.ops.command.PinCommand;
import dev.hatchery.ops.command.PromoteCommand;
import dev.hatchery.ops.command.RedriveCommand;
import dev.hatchery.ops.command.ReplayCommand;
import dev.hatchery.ops.command.RetrainCommand;
import dev.hatchery.ops.command.RollbackCommand;
import dev.hatchery.ops.command.ScheduleCommand;
import dev.hatchery.ops.command.SqlCommand;
import dev.hatchery.ops.command.StatusCommand;
import dev.hatchery.ops.command.UnpinCommand;
import dev.hatchery.ops.config.ConfigException;
import dev.hatchery.ops.config.HatcheryConfig;
import dev.hatchery.ops.demo.Demo;
import dev.hatchery.ops.demo.DemoOptions;
import dev.hatchery.ops.demo.DemoSummary;
import dev.hatchery.ops.node.HatcheryNode;
import dev.hatchery.ops.stream.InvalidCsvException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of the {@code hatchery} command. */
@Command(name = "hatchery", mixinStandardHelpOptions = true, version = "hatchery 0.1.0",
        description = "Continuous training and in-place model redeployment on Hazelcast.",
        subcommands = {Hatchery.DemoCommand.class, Hatchery.NodeCommand.class, StatusCommand.class,
            JobsCommand.class, HistoryCommand.class, RollbackCommand.class, PromoteCommand.class, PinCommand.class,
            UnpinCommand.class, RetrainCommand.class, ScheduleCommand.class, ReplayCommand.class, RedriveCommand.class,
            SqlCommand.class, ChartCommand.class, AuditCommand.class})
public final class Hatchery implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with its error handling: a refused operator command prints its one line
     * and ends with its {@link ExitCode}; a CSV file the demo cannot use ends with {@link
     * ExitCode#UNREADABLE_FILE}, as with {@code replay}; a bad configuration or option ends with
     * {@link ExitCode#USAGE}.
     */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /**
     * As {@link #commandLine()}, with every operator command run against {@code hazelcast} (a
     * client or a member) instead of a client of its own, and leaving it connected: see {@link
     * ConnectionOptions#lending}. For running many commands against one cluster, as tests do.
     */
    public static CommandLine commandLine(HazelcastInstance hazelcast) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        return commandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ConnectionOptions.class ? type.cast(ConnectionOptions.lending(hazelcast))
                        : defaults.create(type);
            }
        });
    }

    private static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(new Hatchery(), factory);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CommandFailure failure) {
                cmd.getErr().println("hatchery: " + failure.getMessage());
                return failure.exitCode().code();
            }
            if (e instanceof InvalidCsvException) {
                cmd.getErr().println("hatchery: " + e.getMessage());
                return ExitCode.UNREADABLE_FILE.code();
            }
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("hatchery: " + e.getMessage());
                return ExitCode.USAGE.code();
            }
            throw e;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The configuration in {@code file}, or the defaults without one, with MLflow's environment
     * variables over it; a missing file is an {@link IllegalArgumentException}.
     */
    public static HatcheryConfig config(@Nullable Path file) {
        HatcheryConfig config = fromFile(file);
        // MLflow's own environment variables win over the file, as with MLflow's clients.
        return config.withMlflow(config.mlflow().withEnvironment(System.getenv()));
    }

    private static HatcheryConfig fromFile(@Nullable Path file) {
        if (file == null) {
            return HatcheryConfig.DEFAULTS;
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("configuration file " + file + " does not exist");
        }
        return HatcheryConfig.load(file);
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Run the whole loop on one embedded member over a drifting stream, then print a summary.")
    static final class DemoCommand implements Callable<Integer> {

        @Option(names = "--events", defaultValue = "40000", description = "events to stream (default: ${DEFAULT-VALUE})")
        long events;

        @Option(names = "--rate", defaultValue = "1000", paramLabel = "EVENTS_PER_SECOND",
                description = "events per second (default: ${DEFAULT-VALUE})")
        int rate;

        @Option(names = "--label-delay", defaultValue = "500", paramLabel = "K",
                description = "the label of event i is written after event i+K (default: ${DEFAULT-VALUE})")
        int labelDelay;

        @Option(names = "--generator", defaultValue = "sea",
                description = "sea, agrawal, hyperplane, stagger or rbf-drift (default: ${DEFAULT-VALUE})")
        String generator;

        @Option(names = "--seed", defaultValue = "1", description = "generator seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--csv", paramLabel = "FILE", description = "stream a CSV file with a header instead of a generator")
        Path csv;

        @Option(names = "--label", paramLabel = "COLUMN", description = "the CSV's label column (with --csv)")
        String label;

        @Option(names = "--summary-json", paramLabel = "FILE", description = "also write the summary as JSON")
        Path summaryJson;

        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (defaults work without one)")
        Path config;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            DemoOptions options = new DemoOptions(events, rate, labelDelay, generator, seed, csv, label,
                    DemoOptions.DEFAULTS.bootstrapRows(), (int) Math.max(1, Math.min(events / 20, 2_000)));
            DemoSummary summary = new Demo(options, Demo.demoConfig(config(config)), System.out).run();
            if (summaryJson != null) {
                JsonFile.write(summary, summaryJson);
                System.out.println("summary written to " + summaryJson);
            }
            return 0;
        }
    }

    @Command(name = "node", mixinStandardHelpOptions = true,
            description = "Start a Hatchery member: Hazelcast, the scoring and feedback jobs, the model holder and the trainer.")
    static final class NodeCommand implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (defaults work without one)")
        Path config;

        @Override
        public Integer call() throws InterruptedException {
            HatcheryConfig settings = config(config);
            CountDownLatch stopped = new CountDownLatch(1);
            try (HatcheryNode node = HatcheryNode.start(settings).startLoop()) {
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "hatchery-shutdown"));
                System.out.printf("hatchery node %s up in cluster '%s' (%d members)%n",
                        node.hazelcast().getCluster().getLocalMember().getAddress(), settings.cluster().name(),
                        node.hazelcast().getCluster().getMembers().size());
                stopped.await();
            }
            return 0;
        }
    }
}
