package dev.hatchery.bench.hotswap;

import dev.hatchery.ops.stream.HyperplaneGenerator;
import dev.hatchery.ops.stream.LabelledRow;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.trainer.FitOptions;
import dev.hatchery.trainer.ModelFit;
import dev.hatchery.trainer.TrainingData;
import java.util.List;

/**
 * Models and events for the benchmarks: a hyperplane over 8 numeric features with 5% label
 * noise (the shape of the figures in STACK-NOTES), trained with Hatchery's own fit.
 */
final class BenchModels {

    static final int FEATURES = 8;

    private BenchModels() {
    }

    /** A model of the given kind with Hatchery's default options (100 trees of depth 10 for the tree models). */
    static TrainedModel train(Algorithm algorithm, int rows, long seed) {
        return ModelFit.fit(data(rows, seed), algorithm, FitOptions.DEFAULTS);
    }

    /** A forest of 100 deep trees: several megabytes, the slow kind to load. */
    static TrainedModel largeForest(int rows, long seed) {
        FitOptions deep = new FitOptions(100, 30, 5_000, 2, FitOptions.DEFAULTS.shrinkage(), FitOptions.DEFAULTS.lambda(),
                2, seed);
        return ModelFit.fit(data(rows, seed), Algorithm.RANDOM_FOREST, deep);
    }

    /** Feature rows of unseen events. */
    static double[][] events(int count, long seed) {
        HyperplaneGenerator generator = generator(seed);
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = generator.next().features();
        }
        return rows;
    }

    private static TrainingData data(int rows, long seed) {
        HyperplaneGenerator generator = generator(seed);
        double[][] x = new double[rows][];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            LabelledRow row = generator.next();
            x[i] = row.features();
            y[i] = row.label();
        }
        return new TrainingData(generator.schema().features(), generator.schema().classes(), x, y);
    }

    private static HyperplaneGenerator generator(long seed) {
        return new HyperplaneGenerator(FEATURES, 0, 0, 5, 0, seed);
    }

    static List<Algorithm> scored() {
        return List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.GRADIENT_BOOSTING, Algorithm.RANDOM_FOREST);
    }
}
