package dev.hatchery.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.ModelCodec;
import dev.hatchery.registry.TrainedModel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ModelFitTests {

    /** Class = x1 + x2 > 8 (SEA's first concept), with 10% of the labels flipped. */
    private static TrainingData sea(int n, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {10 * random.nextDouble(), 10 * random.nextDouble(), 10 * random.nextDouble()};
            y[i] = x[i][0] + x[i][1] > 8 ? 1 : 0;
            if (random.nextInt(100) < 10) {
                y[i] = 1 - y[i];
            }
        }
        return new TrainingData(List.of("x1", "x2", "x3"), List.of("groupA", "groupB"), x, y);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void everyAlgorithmLearnsANoisyLinearConcept(Algorithm algorithm) {
        TrainedModel model = ModelFit.fit(sea(2_000, 1), algorithm, FitOptions.DEFAULTS);
        // 10% label noise caps accuracy near 0.9 on fresh data.
        assertThat(ModelFit.accuracy(model, sea(2_000, 2))).isGreaterThan(0.82);
        assertThat(model.algorithm()).isEqualTo(algorithm);
        assertThat(model.classes()).containsExactly("groupA", "groupB");
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void threeClassesWork(Algorithm algorithm) {
        Random random = new Random(3);
        double[][] x = new double[1_500][];
        int[] y = new int[1_500];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {random.nextDouble(), random.nextDouble()};
            y[i] = x[i][0] < 0.33 ? 0 : x[i][0] < 0.66 ? 1 : 2;
        }
        TrainingData data = new TrainingData(List.of("a", "b"), List.of("low", "mid", "high"), x, y);
        TrainedModel model = ModelFit.fit(data.slice(0, 1_000), algorithm, FitOptions.DEFAULTS);
        assertThat(ModelFit.accuracy(model, data.slice(1_000, 1_500))).isGreaterThan(0.85);
        // Multi-class models are made of more Smile types; the codec's allow-list must pass them all.
        byte[] bytes = ModelCodec.encode(model);
        TrainedModel back = ModelCodec.decode(bytes, ModelCodec.sha256(bytes));
        for (double[] row : data.slice(1_000, 1_100).x()) {
            assertThat(back.predict(row)).isEqualTo(model.predict(row));
        }
    }

    @Test
    void theSameSeedGivesTheSameForest() {
        TrainingData data = sea(1_000, 4);
        TrainedModel first = ModelFit.fit(data, Algorithm.RANDOM_FOREST, FitOptions.DEFAULTS);
        TrainedModel second = ModelFit.fit(data, Algorithm.RANDOM_FOREST, FitOptions.DEFAULTS);
        for (double[] row : sea(300, 5).x()) {
            assertThat(second.predict(row)).isEqualTo(first.predict(row));
        }
    }

    @Test
    void refusesDataMissingAClassWithAClearReason() {
        TrainingData data = sea(100, 6);
        int[] allA = new int[data.size()];
        TrainingData onlyA = new TrainingData(data.features(), data.classes(), data.x(), allA);
        assertThatThrownBy(() -> ModelFit.fit(onlyA, Algorithm.RANDOM_FOREST, FitOptions.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the 100 training rows have no row of class [groupB]; a model trained on them could never predict it");
    }

    @Test
    void trainingDataNamesItsShapeProblems() {
        assertThatThrownBy(() -> new TrainingData(List.of("a", "b"), List.of("n", "y"),
                new double[][] {{1, 2}, {1, 2, 3}}, new int[] {0, 5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1 has 3 values, the schema 2 features [a, b]")
                .hasMessageContaining("row 1 has class index 5, outside the 2 classes [n, y]");
    }

    @Test
    void optionsNameEveryProblem() {
        assertThatThrownBy(() -> new FitOptions(0, 1, 1000, 5, 0.05, -1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid number of trees: 0")
                .hasMessageContaining("Invalid maximal tree depth: 1")
                .hasMessageContaining("Invalid regularization factor: -1.0")
                .hasMessageContaining("Invalid parallelism: 0");
    }
}
