package dev.hatchery.registry;

import java.util.List;
import java.util.Random;
import smile.classification.LogisticRegression;

/** Small real Smile models for tests: trained in milliseconds, each seed a different version. */
public final class TestModels {

    private TestModels() {
    }

    /** A logistic regression over features {@code a, b} and classes {@code low, high}: high when a > b. */
    public static TrainedModel logistic(long seed) {
        Random random = new Random(seed);
        double[][] x = new double[200][2];
        int[] y = new int[200];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = random.nextDouble();
            x[i][1] = random.nextDouble();
            y[i] = x[i][0] > x[i][1] ? 1 : 0;
        }
        return TrainedModel.of(Algorithm.LOGISTIC_REGRESSION, List.of("a", "b"), List.of("low", "high"),
                LogisticRegression.fit(x, y, new LogisticRegression.Options(0.1, 1e-5, 200)));
    }
}
