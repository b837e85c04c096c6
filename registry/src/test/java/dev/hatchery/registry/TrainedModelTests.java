package dev.hatchery.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import smile.classification.GradientTreeBoost;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;

class TrainedModelTests {

    private static double[][] rows(int n, int width, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[n][width];
        for (double[] row : rows) {
            for (int j = 0; j < width; j++) {
                row[j] = random.nextDouble();
            }
        }
        return rows;
    }

    /** Three classes over {@code a, b, c}: which feature is largest, with a tenth of the labels flipped. */
    private static List<TrainedModel> threeClassEnsembles() {
        double[][] x = rows(600, 3, 3);
        Random noise = new Random(4);
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            int largest = x[i][0] >= x[i][1] && x[i][0] >= x[i][2] ? 0 : x[i][1] >= x[i][2] ? 1 : 2;
            y[i] = noise.nextDouble() < 0.1 ? (largest + 1) % 3 : largest;
        }
        DataFrame frame = DataFrame.of(x, "a", "b", "c").add(new IntVector("y", y));
        List<String> features = List.of("a", "b", "c");
        List<String> classes = List.of("first", "second", "third");
        return List.of(
                TrainedModel.of(Algorithm.GRADIENT_BOOSTING, features, classes, GradientTreeBoost.fit(Formula.lhs("y"),
                        frame, new GradientTreeBoost.Options(30, 5, 24, 5, 0.1, 0.7, null, null))),
                TrainedModel.of(Algorithm.RANDOM_FOREST, features, classes, RandomForest.fit(Formula.lhs("y"), frame,
                        new RandomForest.Options(30, 0, 8, 100, 5))));
    }

    @Test
    void predictingManyRowsAtOnceGivesEveryRowsOwnPredictionToTheLastBit() {
        List<TrainedModel> models = new ArrayList<>(ModelCodecTests.everyKind());
        models.addAll(threeClassEnsembles());
        for (TrainedModel model : models) {
            // Decoded too: the boosted model's intercept and shrinkage are read again after a load.
            byte[] bytes = ModelCodec.encode(model);
            for (TrainedModel kind : List.of(model, ModelCodec.decode(bytes, ModelCodec.sha256(bytes)))) {
                double[][] rows = rows(300, kind.features().size(), 11);

                PredictedClass[] all = kind.predictAll(rows);

                assertThat(all).as(kind.algorithm().id()).hasSize(rows.length);
                for (int i = 0; i < rows.length; i++) {
                    assertThat(all[i]).as("%s, row %d", kind.algorithm().id(), i).isEqualTo(kind.predict(rows[i]));
                }
            }
        }
    }

    @Test
    void theEnsemblesAreWalkedTreeByTreeAndGiveEveryClassAcrossTheRows() {
        // Otherwise the comparison above could pass on models that answer one class for everything.
        for (TrainedModel model : threeClassEnsembles()) {
            assertThat(model.predictsTreeByTree()).as(model.algorithm().id()).isTrue();
            PredictedClass[] all = model.predictAll(rows(300, 3, 12));
            assertThat(java.util.Arrays.stream(all).mapToInt(PredictedClass::index).distinct().count())
                    .as(model.algorithm().id()).isEqualTo(3);
        }
    }

    @Test
    void refusesARowOfTheWrongWidthBeforePredictingAny() {
        TrainedModel model = threeClassEnsembles().getFirst();
        assertThatThrownBy(() -> model.predictAll(new double[][] {{0.1, 0.2, 0.3}, {0.1, 0.2}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model expects 3 features [a, b, c], got 2");
        assertThat(model.predictAll(new double[0][])).isEmpty();
    }
}
