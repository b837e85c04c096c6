package dev.hatchery.bench.hotswap;

import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.TrainedModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The hot-swap benchmark: runs the chosen parts one after another and prints each figure as it comes. */
public final class HotSwap {

    public static final List<String> PARTS = List.of("scoring", "swap", "gap", "integrity");

    /** How much work each part does. */
    public record Sizes(int trainingRows, int lrEvents, int treeEvents, int swapPublishes, int swapWarmUpSeconds,
            int gapSwaps, int naiveRedeploys, int integritySwaps) {

        public static final Sizes FULL = new Sizes(10_000, 1_000_000, 200_000, 200, 60, 40, 10, 1_000);
        public static final Sizes QUICK = new Sizes(5_000, 200_000, 50_000, 30, 5, 10, 3, 200);
    }

    /** The figures, in the JSON shape BENCHMARKS.md describes; a part not run is null. */
    public record Report(@Nullable List<ScoringThroughput.Figure> scoring, @Nullable List<SwapLatency.Figure> swap,
            ScoringGap.@Nullable Figure gap, Integrity.@Nullable Figure integrity) {
    }

    private final Sizes sizes;
    private final Set<String> parts;
    private final PrintStream out;

    public HotSwap(Sizes sizes, Set<String> parts, PrintStream out) {
        if (!PARTS.containsAll(parts)) {
            throw new IllegalArgumentException("unknown parts " + parts + ": choose from " + PARTS);
        }
        this.sizes = sizes;
        this.parts = parts;
        this.out = out;
    }

    public Report run() {
        out.printf("hotswap: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version());
        TrainedModel smallA = BenchModels.train(Algorithm.LOGISTIC_REGRESSION, sizes.trainingRows(), 11);
        TrainedModel smallB = BenchModels.train(Algorithm.LOGISTIC_REGRESSION, sizes.trainingRows(), 12);
        return new Report(
                parts.contains("scoring") ? scoring() : null,
                parts.contains("swap") ? swap(smallA, smallB) : null,
                parts.contains("gap") ? gap(smallA, smallB) : null,
                parts.contains("integrity") ? integrity(smallA, smallB) : null);
    }

    private List<ScoringThroughput.Figure> scoring() {
        List<ScoringThroughput.Figure> scoring = new ArrayList<>();
        for (Algorithm algorithm : BenchModels.scored()) {
            TrainedModel model = BenchModels.train(algorithm, sizes.trainingRows(), 1);
            int events = algorithm == Algorithm.LOGISTIC_REGRESSION ? sizes.lrEvents() : sizes.treeEvents();
            ScoringThroughput.Figure figure = ScoringThroughput.measure(algorithm, model, BenchModels.events(events, 2),
                    events / 5);
            out.printf("scoring %-20s jet %,9.0f events/s (%.2f cores used) | loop %,10.0f events/s (before %,.0f, "
                    + "after %,.0f) | ratio per core %.2f | loop on %d cores %,10.0f/s | jet without map writes "
                    + "%,9.0f/s | model %,d bytes%n", figure.algorithm(), figure.jetEventsPerSecond(), figure.cores(),
                    figure.loopEventsPerSecond(), figure.loopBeforeEventsPerSecond(), figure.loopAfterEventsPerSecond(),
                    figure.ratioPerCore(), figure.machineCores(), figure.parallelLoopEventsPerSecond(),
                    figure.scoreOnlyEventsPerSecond(), figure.modelBytes());
            scoring.add(figure);
        }
        return scoring;
    }

    private List<SwapLatency.Figure> swap(TrainedModel smallA, TrainedModel smallB) {
        List<SwapLatency.Pair> pairs = List.of(new SwapLatency.Pair("logistic-regression", smallA, smallB),
                new SwapLatency.Pair("random-forest", BenchModels.largeForest(sizes.trainingRows(), 13),
                        BenchModels.largeForest(sizes.trainingRows(), 14)));
        List<SwapLatency.Figure> swap = new ArrayList<>();
        for (int members : new int[] {1, 3}) {
            for (SwapLatency.Figure figure : SwapLatency.measure(members, sizes.swapPublishes(),
                    sizes.swapWarmUpSeconds(), pairs)) {
                out.printf("swap    %d member(s) %-20s %,10d bytes | %d publishes | p50 %.1f ms | p99 %.1f ms | "
                        + "max %.1f ms | staged %.0f%% | after %,d publishes of warm-up%n", figure.members(),
                        figure.model(), figure.modelBytes(), figure.publishes(), figure.p50Millis(),
                        figure.p99Millis(), figure.maxMillis(), 100 * figure.staged(), figure.warmUpPublishes());
                figure.slowest().forEach(slow -> out.printf("          slow: %s%n", slow));
                swap.add(figure);
            }
        }
        return swap;
    }

    private ScoringGap.Figure gap(TrainedModel smallA, TrainedModel smallB) {
        ScoringGap.Figure gap = ScoringGap.measure(smallA, smallB, sizes.gapSwaps(), sizes.naiveRedeploys());
        out.printf("gap     hot swap %.0f ms (median of %d, longest %.0f) | naive redeploy %.0f ms (median of %d, "
                + "longest %.0f, %,d events never scored) | without redeploys: p99 gap %.0f ms, longest %.0f ms%n",
                gap.hotGapMillis(), gap.swaps(), gap.hotMaxGapMillis(), gap.naiveGapMillis(), gap.naiveRedeploys(),
                gap.naiveMaxGapMillis(), gap.naiveLost(), gap.baselineP99GapMillis(), gap.baselineMaxGapMillis());
        return gap;
    }

    private Integrity.Figure integrity(TrainedModel smallA, TrainedModel smallB) {
        Integrity.Figure integrity = Integrity.measure(List.of(smallA, smallB,
                BenchModels.train(Algorithm.LOGISTIC_REGRESSION, sizes.trainingRows(), 15)), sizes.integritySwaps());
        out.printf("integrity %,d swaps on %d members, one killed: %,d events, %,d predictions, lost %d, duplicated %d, "
                + "rescored after the restore %,d, not deployed %d, %d job executions, survivors converged: %s%n",
                integrity.swaps(), integrity.members(), integrity.events(), integrity.predictions(), integrity.lost(),
                integrity.duplicated(), integrity.replayed(), integrity.notDeployed(), integrity.executions(),
                integrity.converged());
        return integrity;
    }
}
