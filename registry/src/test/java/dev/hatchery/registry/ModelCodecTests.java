package dev.hatchery.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import smile.classification.DecisionTree;
import smile.classification.GradientTreeBoost;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.model.cart.SplitRule;

class ModelCodecTests {

    private static final List<String> FEATURES = List.of("a", "b");
    private static final List<String> CLASSES = List.of("low", "high");

    private static double[][] x(int n, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][2];
        for (double[] row : x) {
            row[0] = random.nextDouble();
            row[1] = random.nextDouble();
        }
        return x;
    }

    private static int[] y(double[][] x) {
        return Arrays.stream(x).mapToInt(row -> row[0] > row[1] ? 1 : 0).toArray();
    }

    private static DataFrame frame(double[][] x) {
        return DataFrame.of(x, "a", "b").add(new IntVector("y", y(x)));
    }

    static List<TrainedModel> everyKind() {
        double[][] x = x(500, 1);
        return List.of(
                TestModels.logistic(1),
                TrainedModel.of(Algorithm.RANDOM_FOREST, FEATURES, CLASSES,
                        RandomForest.fit(Formula.lhs("y"), frame(x), new RandomForest.Options(20, 0, 8, 100, 5))),
                TrainedModel.of(Algorithm.GRADIENT_BOOSTING, FEATURES, CLASSES,
                        GradientTreeBoost.fit(Formula.lhs("y"), frame(x),
                                new GradientTreeBoost.Options(20, 4, 16, 5, 0.1, 0.7, null, null))),
                TrainedModel.of(Algorithm.DECISION_TREE, FEATURES, CLASSES,
                        DecisionTree.fit(Formula.lhs("y"), frame(x), new DecisionTree.Options(SplitRule.GINI, 8, 100, 5))));
    }

    @Test
    void everyKindOfModelRoundTripsWithIdenticalPredictions() {
        double[][] rows = x(500, 9);
        for (TrainedModel model : everyKind()) {
            byte[] bytes = ModelCodec.encode(model);
            TrainedModel back = ModelCodec.decode(bytes, ModelCodec.sha256(bytes));
            assertThat(back.algorithm()).isEqualTo(model.algorithm());
            assertThat(back.features()).isEqualTo(FEATURES);
            assertThat(back.classes()).isEqualTo(CLASSES);
            for (double[] row : rows) {
                assertThat(back.predict(row)).isEqualTo(model.predict(row));
            }
        }
    }

    @Nested
    class RefusesBytesThatAreNotAModel {

        @Test
        void whenTheChecksumDiffers() {
            byte[] bytes = ModelCodec.encode(TestModels.logistic(1));
            String sha = ModelCodec.sha256(bytes);
            bytes[bytes.length / 2] ^= 1;
            assertThatThrownBy(() -> ModelCodec.decode(bytes, sha))
                    .isInstanceOf(ModelRejectedException.class)
                    .hasMessageStartingWith("checksum mismatch: expected " + sha + ", got ");
        }

        @Test
        void whenTheBytesAreCorruptButTheirChecksumMatches() {
            byte[] bytes = Arrays.copyOf(ModelCodec.encode(TestModels.logistic(1)), 300);
            assertThatThrownBy(() -> ModelCodec.decode(bytes, ModelCodec.sha256(bytes)))
                    .isInstanceOf(ModelRejectedException.class)
                    .hasMessageStartingWith("corrupt model bytes");
        }

        @Test
        void whenTheyHoldAClassOutsideTheAllowList() throws IOException {
            HashMap<String, Object> gadget = new HashMap<>();
            gadget.put("url", URI.create("http://127.0.0.1/").toURL());
            byte[] bytes = serialize(gadget);
            assertThatThrownBy(() -> ModelCodec.decode(bytes, ModelCodec.sha256(bytes)))
                    .isInstanceOf(ModelRejectedException.class)
                    .hasMessage("class java.net.URL is not allowed in a model artifact");
        }

        @Test
        void whenTheyHoldAnAllowedObjectThatIsNotAModel() throws IOException {
            byte[] bytes = serialize(new java.util.ArrayList<>(List.of("x")));
            assertThatThrownBy(() -> ModelCodec.decode(bytes, ModelCodec.sha256(bytes)))
                    .isInstanceOf(ModelRejectedException.class)
                    .hasMessageContaining("not a model");
        }

        private static byte[] serialize(Serializable object) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(object);
            }
            return bytes.toByteArray();
        }
    }

    @Test
    void predictRefusesARowOfTheWrongLength() {
        TrainedModel model = TestModels.logistic(1);
        assertThatThrownBy(() -> model.predict(new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model expects 2 features [a, b], got 3");
    }

    @Test
    void probabilitiesAreProbabilities() {
        for (TrainedModel model : everyKind()) {
            for (double[] row : x(200, 4)) {
                assertThat(model.predict(row).probability()).isBetween(0.5, 1.0);
            }
        }
    }
}
