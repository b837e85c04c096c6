package dev.hatchery.bench.prequential;

import dev.hatchery.ops.config.ClusterSettings;
import dev.hatchery.ops.config.HatcheryConfig;
import dev.hatchery.ops.demo.DemoOptions;
import dev.hatchery.ops.demo.DemoSource;
import dev.hatchery.trainer.TrainingReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The prequential benchmark: for each data set and label delay, the system's strategies
 * replayed one after the other through a member of their own, and the baselines computed on
 * the same rows. Accuracy covers every row after the bootstrap rows (v1 trains on those).
 */
public final class Prequential {

    public static final int BOOTSTRAP_ROWS = 2_000;
    public static final int BLOCK = 5_000;
    private static final int PORT = 5841;

    /** A data set replayed with one label delay. */
    public record Replay(String dataset, String file, String labelColumn, int labelDelay) {

        public static final List<Replay> ALL = List.of(
                new Replay("elec2", "elec2/elec2.csv", "class", 1),
                new Replay("elec2", "elec2/elec2.csv", "class", 48),
                new Replay("weather", "weather/weather.csv", "target", 1));
    }

    /**
     * What to run.
     *
     * @param dataDir          where {@code elec2/elec2.csv} and {@code weather/weather.csv} are
     * @param maxEvents        rows streamed after the bootstrap rows, at most
     * @param defaultOverrides YAML laid over the {@code default} strategy's configuration, for
     *                         experiments; blank for Hatchery's defaults
     */
    public record Settings(Path dataDir, List<Replay> replays, List<String> strategies, int ratePerSecond,
            long maxEvents, String defaultOverrides) {

        public Settings {
            replays = List.copyOf(replays);
            strategies = List.copyOf(strategies);
            List<String> problems = new ArrayList<>();
            strategies.stream().filter(s -> !Strategy.IDS.contains(s))
                    .forEach(s -> problems.add("unknown strategy '" + s + "': use some of " + Strategy.IDS));
            if (replays.isEmpty()) {
                problems.add("no data set left to replay: check --datasets and --delays");
            }
            if (ratePerSecond < 1) {
                problems.add("--rate must be 1 or more events per second, got " + ratePerSecond);
            }
            if (maxEvents < 100) {
                problems.add("at least 100 events must be streamed, got " + maxEvents);
            }
            if (!Files.isDirectory(dataDir)) {
                problems.add("no data folder " + dataDir.toAbsolutePath() + ": run from the project's folder, "
                        + "next to ../shared, or name it with --data");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }
    }

    /**
     * One line of the table.
     *
     * @param accuracy             over every row after the bootstrap rows
     * @param blockAccuracies      per 5,000 of those rows, the last block holding what is left
     * @param versionsDeployed     publishes after v1; null for a baseline
     * @param medianTrainingMillis the median fit time of the runs that trained; null if none did
     */
    public record Row(String dataset, int labelDelay, String strategy, double accuracy, List<Double> blockAccuracies,
            @Nullable Integer versionsDeployed, @Nullable Double medianTrainingMillis) {
    }

    /** The figures, as BENCHMARKS.md describes them. */
    public record Report(List<Row> rows) {

        public Report {
            rows = List.copyOf(rows);
        }
    }

    /** A row with what only the printed table shows. */
    private record Line(Row row, int runsKept, int runsFailed, long lost, long duplicated, double wallSeconds,
            int events) {
    }

    private final Settings settings;
    private final PrintStream out;

    public Prequential(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public Report run() {
        out.printf(Locale.ROOT, "prequential: %d cores, %s %s, Java %s; %,d events/s, event i stamped start + i × %s ms; "
                        + "v1 trained on the first %,d rows, accuracy over every later row%s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.version(), settings.ratePerSecond(), format(1_000.0 / settings.ratePerSecond()), BOOTSTRAP_ROWS,
                settings.maxEvents() == Long.MAX_VALUE ? "" : String.format(" (at most %,d)", settings.maxEvents()));
        if (!settings.defaultOverrides().isBlank()) {
            out.println("default strategy with these settings over Hatchery's defaults:\n"
                    + settings.defaultOverrides().strip().indent(2));
        }
        List<Line> lines = new ArrayList<>();
        for (Replay replay : settings.replays()) {
            int[] labels = labels(replay);
            int[] truth = Arrays.copyOfRange(labels, BOOTSTRAP_ROWS, labels.length);
            int classes = Arrays.stream(labels).max().orElse(0) + 1;
            for (Strategy strategy : Strategy.values()) {
                if (!settings.strategies().contains(strategy.id())) {
                    continue;
                }
                Line line = strategy.runsTheSystem() ? system(replay, strategy, truth)
                        : baseline(replay, strategy, labels, classes, truth);
                lines.add(line);
                printLine(line);
            }
        }
        printTable(lines);
        return new Report(lines.stream().map(Line::row).toList());
    }

    private Line system(Replay replay, Strategy strategy, int[] truth) {
        String overrides = strategy == Strategy.DEFAULT ? settings.defaultOverrides() : "";
        ClusterSettings cluster = new ClusterSettings("hatchery-prequential-" + UUID.randomUUID().toString().substring(0, 8),
                "127.0.0.1", PORT, List.of("127.0.0.1:" + PORT));
        HatcheryConfig config = StrategyConfig.of(strategy, overrides, cluster);
        String tag = replay.dataset() + " K=" + replay.labelDelay() + " " + strategy.id();
        SystemReplay.Result result;
        try (DemoSource source = open(replay)) {
            result = SystemReplay.run(source, config, replay.labelDelay(), settings.ratePerSecond(), tag, out);
        }
        if (result.predicted().length != truth.length) {
            throw new IllegalStateException(tag + ": streamed " + result.predicted().length + " events, expected "
                    + truth.length);
        }
        for (TrainingReport run : result.runs()) {
            out.printf(Locale.ROOT, "    run: %s | %d rows + %d held out, %d ms | challenger %.4f vs v%d %.4f → %s%n",
                    run.trigger(), run.window().trainingRows(), run.window().holdoutRows(), run.challenger().trainMillis(),
                    run.comparison().challengerAccuracy(), run.versions().championVersion(),
                    run.comparison().championAccuracy(), run.status() == TrainingReport.Status.DEPLOYED
                            ? "v" + run.versions().newVersion() : run.status().name().toLowerCase(Locale.ROOT));
        }
        StreamAccuracy accuracy = StreamAccuracy.of(result.predicted(), truth, BLOCK);
        Row row = new Row(replay.dataset(), replay.labelDelay(), strategy.id(), accuracy.accuracy(), accuracy.blocks(),
                result.versionsDeployed(), median(result.trainMillis()));
        return new Line(row, result.runsKept(), result.runsFailed(), result.lost() + accuracy.unscored(),
                result.duplicated(), result.wallMillis() / 1_000.0, truth.length);
    }

    private static Line baseline(Replay replay, Strategy strategy, int[] labels, int classes, int[] truth) {
        int[] predicted = switch (strategy) {
            case NO_CHANGE -> Baselines.noChange(labels, BOOTSTRAP_ROWS, replay.labelDelay());
            case MAJORITY -> Baselines.majority(labels, classes, BOOTSTRAP_ROWS, replay.labelDelay());
            case DEFAULT, STATIC, PERIODIC -> throw new IllegalArgumentException(strategy.id() + " is not a baseline");
        };
        StreamAccuracy accuracy = StreamAccuracy.of(predicted, truth, BLOCK);
        return new Line(new Row(replay.dataset(), replay.labelDelay(), strategy.id(), accuracy.accuracy(),
                accuracy.blocks(), null, null), 0, 0, 0, 0, 0, truth.length);
    }

    private DemoSource open(Replay replay) {
        Path csv = settings.dataDir().resolve(replay.file());
        long events = Math.max(100, settings.maxEvents());
        return DemoSource.open(new DemoOptions(events, settings.ratePerSecond(), replay.labelDelay(), "sea", 1, csv,
                replay.labelColumn(), BOOTSTRAP_ROWS, 10_000));
    }

    /** The class of every row the replay reads, bootstrap rows first, in the order the system sees them. */
    private int[] labels(Replay replay) {
        try (DemoSource source = open(replay)) {
            List<Integer> labels = new ArrayList<>();
            Arrays.stream(source.bootstrap().y()).forEach(labels::add);
            for (long i = 0; i < source.events() && source.stream().hasNext(); i++) {
                labels.add(source.stream().next().label());
            }
            return labels.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    static @Nullable Double median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    private void printLine(Line line) {
        Row row = line.row();
        out.printf(Locale.ROOT, "%s K=%d %s: accuracy %.4f over %,d events%s%n", row.dataset(), row.labelDelay(),
                row.strategy(), row.accuracy(), line.events(), row.versionsDeployed() == null ? ""
                        : String.format(Locale.ROOT, " | %d versions deployed, %d kept by the gate, %d failed | "
                                + "median training %s ms | lost %d, duplicated %d | %.0f s", row.versionsDeployed(),
                                line.runsKept(), line.runsFailed(), row.medianTrainingMillis() == null ? "-"
                                        : format(row.medianTrainingMillis()), line.lost(), line.duplicated(),
                                line.wallSeconds()));
    }

    private void printTable(List<Line> lines) {
        out.println();
        out.printf("%-8s %3s %-10s %9s %9s %5s %10s %8s%n", "dataset", "K", "strategy", "accuracy", "versions", "kept",
                "train ms", "wall s");
        for (Line line : lines) {
            Row row = line.row();
            boolean system = row.versionsDeployed() != null;
            out.printf(Locale.ROOT, "%-8s %3d %-10s %8.2f%% %9s %5s %10s %8s%n", row.dataset(), row.labelDelay(),
                    row.strategy(), 100 * row.accuracy(), system ? row.versionsDeployed() : "-",
                    system ? line.runsKept() : "-",
                    row.medianTrainingMillis() == null ? "-" : format(row.medianTrainingMillis()),
                    system ? String.format(Locale.ROOT, "%.0f", line.wallSeconds()) : "-");
        }
        out.println();
        out.printf("accuracy (%%) per block of %,d events (the last block holds the rest)%n", BLOCK);
        for (Line line : lines) {
            Row row = line.row();
            out.printf(Locale.ROOT, "%-8s %3d %-10s %s%n", row.dataset(), row.labelDelay(), row.strategy(),
                    row.blockAccuracies().stream().map(a -> String.format(Locale.ROOT, "%5.1f", 100 * a))
                            .collect(Collectors.joining(" ")));
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }
}
