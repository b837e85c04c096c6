package dev.hatchery.scorer;

import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.TrainedModel;
import java.util.List;
import java.util.Random;
import smile.classification.LogisticRegression;

/** Small real Smile models: logistic regressions on random linear concepts. */
final class TestModels {

    static final List<String> FEATURES = List.of("x1", "x2", "x3");
    static final List<String> CLASSES = List.of("no", "yes");

    private TestModels() {
    }

    /** A model of the concept {@code x1 + x2 > threshold}; different thresholds give different models. */
    static TrainedModel logistic(double threshold, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[400][3];
        int[] y = new int[400];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = 10 * random.nextDouble();
            }
            y[i] = x[i][0] + x[i][1] > threshold ? 1 : 0;
        }
        LogisticRegression model = LogisticRegression.fit(x, y, new LogisticRegression.Options(0.1, 1e-5, 500));
        return TrainedModel.of(Algorithm.LOGISTIC_REGRESSION, FEATURES, CLASSES, model);
    }

    static double[] row(Random random) {
        return new double[] {10 * random.nextDouble(), 10 * random.nextDouble(), 10 * random.nextDouble()};
    }
}
