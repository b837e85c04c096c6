package dev.hatchery.bench.detectors;

import dev.hatchery.ops.stream.AgrawalGenerator;
import dev.hatchery.ops.stream.ConceptDriftStream;
import dev.hatchery.ops.stream.LabelledRow;
import dev.hatchery.ops.stream.LabelledStream;
import dev.hatchery.ops.stream.SeaGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * One stream of the benchmark, generated in full: its rows and where its drifts start.
 *
 * @param name        sea-abrupt, sea-gradual, agrawal-abrupt, agrawal-gradual or no-drift
 * @param generator   sea or agrawal
 * @param x           feature rows
 * @param y           class indexes
 * @param driftStarts the row numbers (1-based, as ConceptDriftStream counts) at which the
 *                    drifts start: centre minus half the width, where the new concept's
 *                    share reaches 12%
 * @param spacing     rows between drift centres, the acceptance window of a detection
 */
record BenchStream(String name, String generator, List<String> features, List<String> classes, double[][] x, int[] y,
        List<Long> driftStarts, long spacing) {

    static final List<String> NAMES = List.of("sea-abrupt", "sea-gradual", "agrawal-abrupt", "agrawal-gradual",
            "no-drift");

    /** MOA's widths for the standard abrupt and gradual streams (SEA_a, SEA_g, AGR_a, AGR_g). */
    static final int ABRUPT_WIDTH = 50;
    static final int GRADUAL_WIDTH = 50_000;

    /**
     * The streams of {@code instances} rows: the summary file's nested SEA and Agrawal streams
     * (concepts f1 → f2 → f1 → f4, seed 1, drifts centred at a quarter, half and three quarters
     * of the stream), and SEA f1 and Agrawal f1 alone, without drift. With fewer than
     * 1,000,000 instances the gradual width shrinks in proportion.
     */
    static List<BenchStream> all(int instances) {
        int gradualWidth = (int) Math.max(ABRUPT_WIDTH, (long) GRADUAL_WIDTH * instances / 1_000_000);
        return List.of(
                drifting("sea-abrupt", "sea", instances, ABRUPT_WIDTH, BenchStream::sea),
                drifting("sea-gradual", "sea", instances, gradualWidth, BenchStream::sea),
                drifting("agrawal-abrupt", "agrawal", instances, ABRUPT_WIDTH, BenchStream::agrawal),
                drifting("agrawal-gradual", "agrawal", instances, gradualWidth, BenchStream::agrawal),
                generate("no-drift", "sea", sea(1), instances, List.of(), instances),
                generate("no-drift", "agrawal", agrawal(1), instances, List.of(), instances));
    }

    private static LabelledStream sea(int function) {
        return new SeaGenerator(function, 1, 10, false);
    }

    private static LabelledStream agrawal(int function) {
        return new AgrawalGenerator(function, 1, 0.05, false);
    }

    private static BenchStream drifting(String name, String generator, int instances, int width,
            java.util.function.IntFunction<LabelledStream> conceptFn) {
        long spacing = instances / 4;
        // The summary's MOA command lines: the third concept has no -f, so it is f1 again.
        // Each inner stream counts only its own rows, so its drift lands `spacing` rows later.
        LabelledStream stream = new ConceptDriftStream(conceptFn.apply(1),
                new ConceptDriftStream(conceptFn.apply(2),
                        new ConceptDriftStream(conceptFn.apply(1), conceptFn.apply(4), spacing, width, 1),
                        spacing, width, 1),
                spacing, width, 1);
        List<Long> starts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            starts.add(i * spacing - width / 2);
        }
        return generate(name, generator, stream, instances, starts, spacing);
    }

    private static BenchStream generate(String name, String generator, LabelledStream stream, int instances,
            List<Long> driftStarts, long spacing) {
        double[][] x = new double[instances][];
        int[] y = new int[instances];
        for (int i = 0; i < instances; i++) {
            LabelledRow row = stream.next();
            x[i] = row.features();
            y[i] = row.label();
        }
        return new BenchStream(name, generator, stream.schema().features(), stream.schema().classes(), x, y,
                driftStarts, spacing);
    }
}
