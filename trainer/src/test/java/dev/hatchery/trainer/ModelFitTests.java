package dev.hatchery.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.ModelCodec;
import dev.hatchery.registry.TrainedModel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Tag("slow")
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

    /** SEA's first concept for the older half of the rows, its opposite for the newer half. */
    private static TrainingData flippedHalfway(int n, long seed) {
        TrainingData data = sea(n, seed);
        int[] y = data.y().clone();
        for (int i = n / 2; i < n; i++) {
            y[i] = 1 - y[i];
        }
        return new TrainingData(data.features(), data.classes(), data.x(), y);
    }

    /** The newer concept of {@link #flippedHalfway}, on fresh rows. */
    private static TrainingData newConcept(int n, long seed) {
        return flippedHalfway(2 * n, seed).slice(n, 2 * n);
    }

    @Nested
    class RecencyWeightingOfRows {

        @ParameterizedTest
        @EnumSource(Algorithm.class)
        void aWeightedModelLearnsTheConceptOfTheRecentRowsWhereAnUnweightedOneIsLost(Algorithm algorithm) {
            TrainingData flipped = flippedHalfway(2_000, 11);
            TrainingData fresh = newConcept(2_000, 12);
            double unweighted = ModelFit.accuracy(ModelFit.fit(flipped, algorithm, FitOptions.DEFAULTS), fresh);
            double weighted = ModelFit.accuracy(
                    ModelFit.fit(flipped, algorithm, FitOptions.DEFAULTS, new RecencyWeighting(200)), fresh);
            // Measured: unweighted 0.38 to 0.64 (the two concepts cancel out), weighted 0.81 to 0.90; a model
            // fitted on the newer half alone reaches 0.83 to 0.90.
            assertThat(weighted).isGreaterThan(0.75).isGreaterThan(unweighted + 0.15);
        }

        @Test
        void offIsTheThreeArgumentFit() {
            TrainingData data = sea(1_000, 13);
            byte[] plain = ModelCodec.encode(ModelFit.fit(data, Algorithm.GRADIENT_BOOSTING, FitOptions.DEFAULTS));
            byte[] off = ModelCodec.encode(
                    ModelFit.fit(data, Algorithm.GRADIENT_BOOSTING, FitOptions.DEFAULTS, RecencyWeighting.DEFAULTS));
            assertThat(off).isEqualTo(plain);
        }

        @Test
        void rowsWeighHalfAsMuchOneHalfLifeOlder() {
            RecencyWeighting weighting = new RecencyWeighting(100);
            assertThat(weighting.weight(999, 1_000)).isEqualTo(1.0);
            assertThat(weighting.weight(899, 1_000)).isCloseTo(0.5, within(1e-12));
            assertThat(weighting.weight(799, 1_000)).isCloseTo(0.25, within(1e-12));
            assertThat(RecencyWeighting.DEFAULTS.weight(0, 1_000)).isEqualTo(1.0);
        }

        @Test
        void theResampleDrawsEachRowAboutItsShareOfTheWeight() {
            TrainingData data = sea(1_000, 14);
            TrainingData drawn = new RecencyWeighting(100).resample(data, 1);
            // The newest half-life holds 0.5 / (1 - 0.5^10) of the weight: 500.5 of 1,000 draws.
            long recent = java.util.Arrays.stream(drawn.x()).filter(row -> indexIn(data, row) >= 900).count();
            long old = java.util.Arrays.stream(drawn.x()).filter(row -> indexIn(data, row) < 500).count();
            assertThat(drawn.size()).isEqualTo(1_000);
            assertThat(recent).isBetween(500L, 501L);
            // Rows 500 and more half-lives old hold 0.5^5 / (1 - 0.5^10) of the weight: about 31 draws.
            assertThat(old).isBetween(30L, 32L);
        }

        @Test
        void theResampleKeepsTheRowsOldestFirstAndRepeatsWithItsSeed() {
            TrainingData data = sea(1_000, 15);
            RecencyWeighting weighting = new RecencyWeighting(50);
            TrainingData drawn = weighting.resample(data, 7);
            for (int k = 1; k < drawn.size(); k++) {
                assertThat(indexIn(data, drawn.x()[k])).isGreaterThanOrEqualTo(indexIn(data, drawn.x()[k - 1]));
            }
            assertThat(weighting.resample(data, 7).x()).isEqualTo(drawn.x());
            assertThat(RecencyWeighting.DEFAULTS.resample(data, 7)).isSameAs(data);
        }

        @Test
        void refusesAHalfLifeThatLeavesAClassOnlyInRowsTooOldToDraw() {
            TrainingData data = sea(1_000, 16);
            int[] y = new int[data.size()];
            y[0] = 1;
            TrainingData oneOldB = new TrainingData(data.features(), data.classes(), data.x(), y);
            assertThatThrownBy(() -> ModelFit.fit(oneOldB, Algorithm.DECISION_TREE, FitOptions.DEFAULTS,
                    new RecencyWeighting(10)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the 1000 training rows, resampled for a recency half-life of 10 rows, have no row of "
                            + "class [groupB]: its rows are all too old; lengthen the half-life, or turn recency "
                            + "weighting off");
        }

        @Test
        void refusesANegativeHalfLife() {
            assertThatThrownBy(() -> new RecencyWeighting(-1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid recency half-life: -1 rows (0 to weigh every row alike, or 1 or more)");
        }

        /** Where a drawn row came from: resampling shares row arrays, never copies them. */
        private static int indexIn(TrainingData data, double[] row) {
            for (int i = 0; i < data.size(); i++) {
                if (data.x()[i] == row) {
                    return i;
                }
            }
            throw new AssertionError("row not from the data");
        }
    }

    @Nested
    class Reproducibility {

        private static final FitOptions TWO_THREADS = new FitOptions(30, 8, 200, 5, 0.1, 0.1, 2, 42);

        @ParameterizedTest
        @EnumSource(Algorithm.class)
        void twoFitsOnTheSameDataAreTheSameBytes(Algorithm algorithm) {
            TrainingData data = sea(1_500, 21);
            byte[] first = ModelCodec.encode(ModelFit.fit(data, algorithm, TWO_THREADS));
            byte[] second = ModelCodec.encode(ModelFit.fit(data, algorithm, TWO_THREADS));
            assertThat(second).isEqualTo(first);
        }

        @ParameterizedTest
        @EnumSource(Algorithm.class)
        void twoWeightedFitsOnTheSameDataAreTheSameBytes(Algorithm algorithm) {
            TrainingData data = flippedHalfway(1_500, 22);
            RecencyWeighting weighting = new RecencyWeighting(150);
            byte[] first = ModelCodec.encode(ModelFit.fit(data, algorithm, TWO_THREADS, weighting));
            byte[] second = ModelCodec.encode(ModelFit.fit(data, algorithm, TWO_THREADS, weighting));
            assertThat(second).isEqualTo(first);
        }

        @ParameterizedTest
        @EnumSource(Algorithm.class)
        void theBytesDoNotDependOnHowManyThreadsFit(Algorithm algorithm) {
            TrainingData data = sea(1_500, 23);
            FitOptions oneThread = new FitOptions(30, 8, 200, 5, 0.1, 0.1, 1, 42);
            assertThat(ModelCodec.encode(ModelFit.fit(data, algorithm, TWO_THREADS)))
                    .isEqualTo(ModelCodec.encode(ModelFit.fit(data, algorithm, oneThread)));
        }

        @ParameterizedTest
        @EnumSource(value = Algorithm.class, names = {"RANDOM_FOREST", "GRADIENT_BOOSTING"})
        void anotherSeedGivesAnotherEnsemble(Algorithm algorithm) {
            TrainingData data = sea(1_500, 24);
            FitOptions otherSeed = new FitOptions(30, 8, 200, 5, 0.1, 0.1, 2, 43);
            assertThat(ModelCodec.encode(ModelFit.fit(data, algorithm, otherSeed)))
                    .isNotEqualTo(ModelCodec.encode(ModelFit.fit(data, algorithm, TWO_THREADS)));
        }
    }
}
