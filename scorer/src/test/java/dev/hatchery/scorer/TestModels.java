package dev.hatchery.scorer;

import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.TrainedModel;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.util.IntSet;

/** Small real Smile models on random linear concepts, and a few broken ones. */
final class TestModels {

    static final List<String> FEATURES = List.of("x1", "x2", "x3");
    static final List<String> CLASSES = List.of("no", "yes");

    private TestModels() {
    }

    /** A model of the concept {@code x1 + x2 > threshold}; different thresholds give different models. */
    static TrainedModel logistic(double threshold, long seed) {
        return logistic(FEATURES, threshold, seed);
    }

    /** The same kind of model over other features (the first two decide). */
    static TrainedModel logistic(List<String> features, double threshold, long seed) {
        double[][] x = rows(features.size(), 400, seed);
        int[] y = labels(x, threshold);
        LogisticRegression model = LogisticRegression.fit(x, y, new LogisticRegression.Options(0.1, 1e-5, 500));
        return TrainedModel.of(Algorithm.LOGISTIC_REGRESSION, features, CLASSES, model);
    }

    /** A full-depth random forest: megabytes of model, so loading it takes a while. */
    static TrainedModel forest(int trees, int rowCount, long seed) {
        double[][] x = rows(FEATURES.size(), rowCount, seed);
        int[] y = labels(x, 10);
        DataFrame frame = DataFrame.of(x, FEATURES.toArray(String[]::new)).add(new IntVector("y", y));
        long[] seeds = new Random(seed).longs(trees).toArray();
        var options = new RandomForest.Options(trees, 0, smile.model.cart.SplitRule.GINI, 64, 100_000, 1, 1.0, null,
                seeds, null);
        return TrainedModel.of(Algorithm.RANDOM_FOREST, FEATURES, CLASSES,
                RandomForest.fit(Formula.lhs("y"), frame, options));
    }

    /** Weights that are not numbers: every probability it gives is NaN. */
    static TrainedModel answeringNaN() {
        return TrainedModel.of(Algorithm.LOGISTIC_REGRESSION, FEATURES, CLASSES,
                new LogisticRegression.Binomial(new double[] {Double.NaN, 1, 1, 1}, 0, 0, IntSet.of(2)));
    }

    /** Weights for one feature where three are named: it throws on every row. */
    static TrainedModel throwing() {
        return TrainedModel.of(Algorithm.LOGISTIC_REGRESSION, FEATURES, CLASSES,
                new LogisticRegression.Binomial(new double[] {1, 1}, 0, 0, IntSet.of(2)));
    }

    static double[] row(Random random) {
        return new double[] {10 * random.nextDouble(), 10 * random.nextDouble(), 10 * random.nextDouble()};
    }

    private static double[][] rows(int width, int count, long seed) {
        Random random = new Random(seed);
        return IntStream.range(0, count)
                .mapToObj(i -> random.doubles(width).map(v -> 10 * v).toArray())
                .toArray(double[][]::new);
    }

    private static int[] labels(double[][] x, double threshold) {
        return IntStream.range(0, x.length).map(i -> x[i][0] + x[i][1] > threshold ? 1 : 0).toArray();
    }
}
