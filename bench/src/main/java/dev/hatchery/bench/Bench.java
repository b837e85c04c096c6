package dev.hatchery.bench;

import dev.hatchery.bench.detectors.DetectorBench;
import dev.hatchery.bench.hotswap.HotSwap;
import dev.hatchery.bench.prequential.Prequential;
import dev.hatchery.ops.JsonFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of {@code bench/run}. */
@Command(name = "bench/run", mixinStandardHelpOptions = true,
        description = "Run one of Hatchery's benchmarks; see BENCHMARKS.md.",
        subcommands = {Bench.HotSwapCommand.class, Bench.DetectorsCommand.class, Bench.PrequentialCommand.class})
public final class Bench implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "hotswap", mixinStandardHelpOptions = true,
            description = "Scoring speed, swap latency on 1 and 3 members, swap gap against a job restart, "
                    + "and the integrity of 1,000 swaps at full load through a member's death.")
    static final class HotSwapCommand implements Callable<Integer> {

        @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON")
        Path json;

        @Option(names = "--quick", description = "smaller sizes, for a first look (figures are noisier)")
        boolean quick;

        @Option(names = "--parts", split = ",", paramLabel = "PART",
                description = "which parts to run, of scoring, swap, gap, integrity (default: all)")
        List<String> parts = HotSwap.PARTS;

        @Override
        public Integer call() throws Exception {
            HotSwap.Report report = new HotSwap(quick ? HotSwap.Sizes.QUICK : HotSwap.Sizes.FULL, Set.copyOf(parts),
                    System.out).run();
            if (json != null) {
                JsonFile.write(report, json);
                System.out.println("figures written to " + json);
            }
            return 0;
        }
    }

    @Command(name = "detectors", mixinStandardHelpOptions = true,
            description = "Drift detectors on the error stream of a model retrained after each detection: "
                    + "delay, missed drifts and false alarms on MOA's SEA and Agrawal streams (abrupt, gradual) "
                    + "and on streams without drift.")
    static final class DetectorsCommand implements Callable<Integer> {

        @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON")
        Path json;

        @Option(names = "--quick", description = "200,000 instances per stream instead of 1,000,000, for a first look")
        boolean quick;

        @Override
        public Integer call() throws Exception {
            long start = System.nanoTime();
            DetectorBench.Report report = new DetectorBench(
                    quick ? DetectorBench.Sizes.QUICK : DetectorBench.Sizes.FULL, System.out).run();
            System.out.printf("detectors: %.0f s%n", (System.nanoTime() - start) / 1e9);
            if (json != null) {
                JsonFile.write(report, json);
                System.out.println("figures written to " + json);
            }
            return 0;
        }
    }

    @Command(name = "prequential", mixinStandardHelpOptions = true,
            description = "Real drifting data (ELEC2, weather) replayed through the running system, each event scored "
                    + "before its label comes K events later: accuracy of Hatchery's defaults, a static model and "
                    + "periodic retraining against the no-change and majority baselines on the same rows.")
    static final class PrequentialCommand implements Callable<Integer> {

        @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON")
        Path json;

        @Option(names = "--quick", description = "at most 10,000 events per data set after the bootstrap rows, "
                + "for a smoke check")
        boolean quick;

        @Option(names = "--datasets", split = ",", paramLabel = "NAME", description = "elec2, weather (default: both)")
        List<String> datasets = List.of("elec2", "weather");

        @Option(names = "--delays", split = ",", paramLabel = "K",
                description = "only the replays with these label delays (default: all, i.e. elec2 1 and 48, weather 1)")
        List<Integer> delays;

        @Option(names = "--strategies", split = ",", paramLabel = "NAME",
                description = "default, static, periodic, no-change, majority (default: all)")
        List<String> strategies = List.of("default", "static", "periodic", "no-change", "majority");

        @Option(names = "--rate", paramLabel = "EVENTS", description = "events written per second (default: 1000)")
        int rate = 1_000;

        @Option(names = "--data", paramLabel = "DIR", description = "the real data sets' folder "
                + "(default: ../shared/data/real)")
        Path data = Path.of("../shared/data/real");

        @Option(names = "--default-config", paramLabel = "FILE", description = "hatchery.yaml settings laid over the "
                + "defaults of the 'default' strategy: for experiments with other trainer settings")
        Path defaultConfig;

        @Override
        public Integer call() throws Exception {
            long start = System.nanoTime();
            List<Prequential.Replay> replays = Prequential.Replay.ALL.stream()
                    .filter(r -> datasets.contains(r.dataset()))
                    .filter(r -> delays == null || delays.contains(r.labelDelay()))
                    .toList();
            String overrides = defaultConfig == null ? "" : Files.readString(defaultConfig);
            Prequential.Settings settings = new Prequential.Settings(data, replays, strategies, rate,
                    quick ? 10_000 : Long.MAX_VALUE, overrides);
            Prequential.Report report = new Prequential(settings, System.out).run();
            System.out.printf("prequential: %.0f s%n", (System.nanoTime() - start) / 1e9);
            if (json != null) {
                JsonFile.write(report, json);
                System.out.println("figures written to " + json);
            }
            return 0;
        }
    }
}
