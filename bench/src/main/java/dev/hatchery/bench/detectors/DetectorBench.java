package dev.hatchery.bench.detectors;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The drift-detector benchmark: every detector of {@link Detectors#ALL} on every stream of
 * {@link BenchStream#all}, detectors run side by side on all cores; prints one line per
 * detector and stream.
 */
public final class DetectorBench {

    /** How much work it does. */
    public record Sizes(int instances, int trainingRows) {

        public static final Sizes FULL = new Sizes(1_000_000, 5_000);
        public static final Sizes QUICK = new Sizes(200_000, 2_000);
    }

    /**
     * One line of the table.
     *
     * @param generator          sea or agrawal: the no-drift stream has one row per generator
     * @param meanDelay          mean rows from a drift's start to its true detection; null if none
     * @param falseAlarmsPer100k false alarms per 100,000 instances of the stream
     */
    public record Row(String detector, String stream, String generator, long instances, int drifts,
            @Nullable Double meanDelay, int missed, double falseAlarmsPer100k) {
    }

    /** The figures, as BENCHMARKS.md describes them. */
    public record Report(List<Row> rows, String defaultDetector) {

        public Report {
            rows = List.copyOf(rows);
        }
    }

    private final Sizes sizes;
    private final PrintStream out;

    public DetectorBench(Sizes sizes, PrintStream out) {
        this.sizes = sizes;
        this.out = out;
    }

    public Report run() throws InterruptedException, ExecutionException {
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("detectors: %d cores, %s %s, Java %s; %,d instances per stream, a random forest of %d trees "
                + "(depth %d) trained on %,d rows, retrained on the %,d rows after each detection%n", cores,
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version(), sizes.instances(),
                RetrainingRun.MODEL.trees(), RetrainingRun.MODEL.maxDepth(), sizes.trainingRows(),
                sizes.trainingRows());
        out.printf("%-14s %-24s %10s %6s %12s %8s %5s %13s %12s%n", "detector", "stream", "instances", "drifts",
                "mean delay", "missed", "MDR", "false/100k", "MTFA");
        List<Row> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try {
            for (BenchStream stream : BenchStream.all(sizes.instances())) {
                RetrainingRun run = new RetrainingRun(stream, sizes.trainingRows());
                List<Future<DetectionScore>> scores = new ArrayList<>();
                for (Detectors.Choice choice : Detectors.ALL) {
                    scores.add(pool.submit(() -> DetectionScore.of(run.detections(choice.newDetectorFn().get()),
                            stream.driftStarts(), stream.spacing(), stream.y().length)));
                }
                for (int i = 0; i < scores.size(); i++) {
                    rows.add(print(Detectors.ALL.get(i).name(), stream, scores.get(i).get()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Report(rows, Detectors.DEFAULT);
    }

    private Row print(String detector, BenchStream stream, DetectionScore score) {
        String streamLabel = stream.name().equals("no-drift") ? "no-drift (" + stream.generator() + " f1)" : stream.name();
        out.printf(Locale.ROOT, "%-14s %-24s %,10d %6d %12s %8d %5s %13.2f %12s%n", detector, streamLabel,
                score.instances(), score.drifts(), format(score.meanDelay()), score.missed(),
                score.drifts() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", score.missedDetectionRate()),
                score.falseAlarmsPer100k(), format(score.meanTimeBetweenFalseAlarms()));
        return new Row(detector, stream.name(), stream.generator(), score.instances(), score.drifts(),
                score.meanDelay(), score.missed(), score.falseAlarmsPer100k());
    }

    private static String format(@Nullable Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%,.0f", value);
    }
}
