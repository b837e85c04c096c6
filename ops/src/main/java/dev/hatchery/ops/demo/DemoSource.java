package dev.hatchery.ops.demo;

import dev.hatchery.ops.stream.CsvStream;
import dev.hatchery.ops.stream.DriftScenario;
import dev.hatchery.ops.stream.LabelledRow;
import dev.hatchery.ops.stream.LabelledStream;
import dev.hatchery.ops.stream.Schema;
import dev.hatchery.trainer.TrainingData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the demo's rows come from — a generator or a CSV file — with the rows v1 is
 * bootstrapped on and the stream's true drift points.
 *
 * @param driftPoints indexes of the streamed events at which a new concept starts
 */
public record DemoSource(String description, String model, LabelledStream stream, Schema schema, List<Long> driftPoints,
        TrainingData bootstrap, long events) implements AutoCloseable {

    public static DemoSource open(DemoOptions options) {
        return options.csv() == null ? generated(options) : csv(options.csv(), options.labelColumn(), options);
    }

    private static DemoSource generated(DemoOptions options) {
        DriftScenario scenario = DriftScenario.named(options.generator(), options.events(), options.seed());
        // v1 learns the first concept from rows of its own, drawn with another seed, as a
        // model trained on history would.
        DriftScenario history = DriftScenario.named(options.generator(), options.events(), options.seed() + 7_919);
        int rows = (int) Math.min(options.bootstrapRows(), firstDrift(scenario, options.events()));
        TrainingData bootstrap = bootstrap(history.stream(), rows);
        return new DemoSource(scenario.name() + " (seed " + options.seed() + ")", options.generator().replace('-', '_'),
                scenario.stream(), scenario.stream().schema(), scenario.driftPoints(), bootstrap, options.events());
    }

    private static long firstDrift(DriftScenario scenario, long events) {
        return scenario.driftPoints().stream().mapToLong(Long::longValue).min().orElse(events);
    }

    private static DemoSource csv(Path file, String labelColumn, DemoOptions options) {
        CsvStream stream = CsvStream.open(file, labelColumn);
        TrainingData bootstrap = bootstrap(stream, options.bootstrapRows());
        String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_]", "_");
        return new DemoSource(file + " (label " + labelColumn + ")", name, stream, stream.schema(), List.of(), bootstrap,
                options.events());
    }

    @Override
    public void close() {
        if (stream instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + description + ": " + e.getMessage(), e);
            }
        }
    }

    /** The first {@code rows} usable rows of {@code stream} (rows with a non-number are skipped here). */
    private static TrainingData bootstrap(LabelledStream stream, int rows) {
        List<double[]> x = new ArrayList<>(rows);
        List<Integer> y = new ArrayList<>(rows);
        while (x.size() < rows && stream.hasNext()) {
            LabelledRow row = stream.next();
            if (Arrays.stream(row.features()).allMatch(Double::isFinite)) {
                x.add(row.features());
                y.add(row.label());
            }
        }
        if (x.size() < 10) {
            throw new IllegalArgumentException("the stream has only " + x.size() + " usable rows to train v1 on");
        }
        Schema schema = stream.schema();
        return new TrainingData(schema.features(), schema.classes(), x.toArray(double[][]::new),
                y.stream().mapToInt(Integer::intValue).toArray());
    }
}
