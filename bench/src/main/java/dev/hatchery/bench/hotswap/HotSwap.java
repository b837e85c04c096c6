package dev.hatchery.bench.hotswap;

import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.TrainedModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The hot-swap benchmark: runs its four parts one after another and prints each figure as it comes. */
public final class HotSwap {

    /** How much work each part does. */
    public record Sizes(int trainingRows, int loopEvents, int lrEvents, int treeEvents, int swapPublishes,
            int gapSwaps, int naiveRedeploys, int integritySwaps) {

        public static final Sizes FULL = new Sizes(10_000, 200_000, 1_000_000, 200_000, 200, 40, 10, 1_000);
        public static final Sizes QUICK = new Sizes(5_000, 50_000, 200_000, 50_000, 30, 10, 3, 200);
    }

    /** The figures, in the JSON shape BENCHMARKS.md describes. */
    public record Report(List<ScoringThroughput.Figure> scoring) {
    }

    private final Sizes sizes;
    private final PrintStream out;

    public HotSwap(Sizes sizes, PrintStream out) {
        this.sizes = sizes;
        this.out = out;
    }

    public Report run() {
        out.printf("hotswap: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version());
        List<ScoringThroughput.Figure> scoring = new ArrayList<>();
        for (Algorithm algorithm : BenchModels.scored()) {
            TrainedModel model = BenchModels.train(algorithm, sizes.trainingRows(), 1);
            int events = algorithm == Algorithm.LOGISTIC_REGRESSION ? sizes.lrEvents() : sizes.treeEvents();
            ScoringThroughput.Figure figure = ScoringThroughput.measure(algorithm, model, BenchModels.events(events, 2));
            out.printf("scoring %-20s jet %,10.0f events/s | loop %,10.0f events/s | %d cores | ratio per core %.2f%n",
                    figure.algorithm(), figure.jetEventsPerSecond(), figure.loopEventsPerSecond(), figure.cores(),
                    figure.ratioPerCore());
            scoring.add(figure);
        }
        return new Report(scoring);
    }
}
