package dev.hatchery.feedback.datadrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FeatureReferenceTests {

    /** One row per value, a single feature. */
    private static double[][] column(double... values) {
        double[][] rows = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            rows[i] = new double[] {values[i]};
        }
        return rows;
    }

    private static double[] oneToHundred() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i; // descending, so the reference must sort
        }
        return values;
    }

    @Nested
    class Bins {

        @Test
        void areCutAtTheTrainingDeciles() {
            // Values 1..100, 10 bins: the j-th decile is the 10j-th smallest value, 10j;
            // edges 10, 20, ..., 90, and each of the 10 bins holds 10 values.
            FeatureProfile profile = FeatureReference.of(List.of("x"), column(oneToHundred())).features().getFirst();
            assertThat(profile.edges()).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90);
            assertThat(profile.proportions()).containsExactly(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
        }

        @Test
        void collapseTiedQuantilesSoNoBinIsEmpty() {
            // 50 zeros, 30 ones, 20 twos. Deciles 1-5 are 0, 6-8 are 1, 9 is 2, the maximum;
            // an edge at the maximum would leave (2, +inf) empty, so the edges are 0 and 1.
            double[] values = new double[100];
            for (int i = 50; i < 80; i++) {
                values[i] = 1;
            }
            for (int i = 80; i < 100; i++) {
                values[i] = 2;
            }
            FeatureProfile profile = FeatureReference.of(List.of("x"), column(values)).features().getFirst();
            assertThat(profile.edges()).containsExactly(0, 1);
            assertThat(profile.proportions()).containsExactly(0.5, 0.3, 0.2);
        }

        @Test
        void makeOneBinOfAConstantFeature() {
            FeatureProfile profile = FeatureReference.of(List.of("x"), column(4, 4, 4, 4)).features().getFirst();
            assertThat(profile.edges()).isEmpty();
            assertThat(profile.proportions()).containsExactly(1.0);
        }

        @Test
        void areNeverEmptyOnHeavilyTiedData() {
            for (int seed = 0; seed < 50; seed++) {
                Random random = new Random(seed);
                double[] values = new double[200 + random.nextInt(300)];
                for (int i = 0; i < values.length; i++) {
                    // A few distinct values with very uneven frequencies.
                    values[i] = Math.floor(-Math.log(1 - random.nextDouble()) * (1 + seed % 4));
                }
                FeatureProfile profile = FeatureReference.of(List.of("x"), column(values)).features().getFirst();
                assertThat(profile.proportions()).as("seed %d", seed).doesNotContain(0.0);
                assertThat(profile.binCount()).isBetween(1, 10);
            }
        }

        @Test
        void holdEachValueInTheBinWhoseUpperEdgeItReaches() {
            FeatureProfile profile = FeatureReference.of(List.of("x"), column(oneToHundred())).features().getFirst();
            assertThat(profile.binOf(-1e9)).isZero();
            assertThat(profile.binOf(10)).isZero();
            assertThat(profile.binOf(10.5)).isEqualTo(1);
            assertThat(profile.binOf(90)).isEqualTo(8);
            assertThat(profile.binOf(90.01)).isEqualTo(9);
            assertThat(profile.binOf(1e9)).isEqualTo(9);
        }

        @Test
        void treatNegativeZeroAsZero() {
            FeatureProfile profile = FeatureReference.of(List.of("x"), column(-1, -0.0, 0.0, 1)).features().getFirst();
            assertThat(profile.binOf(0.0)).isEqualTo(profile.binOf(-0.0));
        }

        @Test
        void followTheOptions() {
            FeatureProfile profile = FeatureReference.of(List.of("x"), column(oneToHundred()),
                    new FeatureReference.Options(4, 1_000)).features().getFirst();
            assertThat(profile.edges()).containsExactly(25, 50, 75);
            assertThat(profile.proportions()).containsExactly(0.25, 0.25, 0.25, 0.25);
        }
    }

    @Nested
    class Sample {

        @Test
        void keepsEvenlySpacedOrderStatistics() {
            // n = 100, size = 10: ranks (2i + 1) * 100 / 20 = 5, 15, ..., 95 (0-based), the values 6, 16, ..., 96.
            FeatureProfile profile = FeatureReference.of(List.of("x"), column(oneToHundred()),
                    new FeatureReference.Options(10, 10)).features().getFirst();
            assertThat(profile.sample()).containsExactly(6, 16, 26, 36, 46, 56, 66, 76, 86, 96);
        }

        @Test
        void keepsEveryValueOfASmallTrainingSet() {
            FeatureProfile profile = FeatureReference.of(List.of("x"), column(3, 1, 2, 2)).features().getFirst();
            assertThat(profile.sample()).containsExactly(1, 2, 2, 3);
        }

        @Test
        void isBoundedByDefault() {
            Random random = new Random(5);
            double[] values = new double[5_000];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextGaussian();
            }
            FeatureProfile profile = FeatureReference.of(List.of("x"), column(values)).features().getFirst();
            assertThat(profile.sample()).hasSize(1_000).isSorted();
            assertThat(profile.trainingCount()).isEqualTo(5_000);
        }
    }

    @Nested
    class AsAValue {

        private final double[][] rows = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};

        @Test
        void profilesEachColumnUnderItsName() {
            FeatureReference reference = FeatureReference.of(List.of("a", "b"), rows);
            assertThat(reference.featureNames()).containsExactly("a", "b");
            assertThat(reference.featureCount()).isEqualTo(2);
            assertThat(reference.features().get(1).sample()).containsExactly(10, 20, 30, 40);
        }

        @Test
        void isTheSameWhateverTheRowOrder() {
            double[][] shuffled = {rows[2], rows[0], rows[3], rows[1]};
            assertThat(FeatureReference.of(List.of("a", "b"), shuffled))
                    .isEqualTo(FeatureReference.of(List.of("a", "b"), rows));
        }

        @Test
        void cannotBeChangedThroughItsArrays() {
            FeatureReference reference = FeatureReference.of(List.of("a", "b"), rows);
            reference.features().getFirst().sample()[0] = 99;
            rows[0][0] = 99;
            assertThat(reference.features().getFirst().sample()[0]).isEqualTo(1);
        }

        @Test
        void survivesJavaSerialization() throws IOException, ClassNotFoundException {
            FeatureReference reference = FeatureReference.of(List.of("a", "b"), rows);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(reference);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertThat(in.readObject()).isEqualTo(reference);
            }
        }

        @Test
        void proportionsSumToOne() {
            Random random = new Random(9);
            double[][] gaussian = new double[1_234][];
            for (int i = 0; i < gaussian.length; i++) {
                gaussian[i] = new double[] {random.nextGaussian()};
            }
            double sum = 0;
            for (double p : FeatureReference.of(List.of("g"), gaussian).features().getFirst().proportions()) {
                sum += p;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-12));
        }
    }

    @Nested
    class Validation {

        @Test
        void refusesNoRows() {
            assertThatThrownBy(() -> FeatureReference.of(List.of("a"), new double[0][]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no training rows");
        }

        @Test
        void namesTheRowOfTheWrongLength() {
            assertThatThrownBy(() -> FeatureReference.of(List.of("a", "b"), new double[][] {{1, 2}, {3}}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("row 1 has 1 values, expected one per feature (2)");
        }

        @Test
        void refusesRepeatedNames() {
            assertThatThrownBy(() -> FeatureReference.of(List.of("a", "b", "a"), new double[][] {{1, 2, 3}}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("feature name 'a' appears twice");
        }

        @Test
        void namesTheFeatureAndRowOfNaN() {
            assertThatThrownBy(() -> FeatureReference.of(List.of("age", "income"),
                    new double[][] {{1, 2}, {3, 4}, {5, Double.NaN}}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("feature 'income' has NaN at row 2");
        }

        @Test
        void listsEveryProblemAtOnce() {
            assertThatThrownBy(() -> FeatureReference.of(List.of("a", "a"), new double[][] {{1}, {Double.NaN, 1}}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("feature name 'a' appears twice")
                    .hasMessageContaining("row 0 has 1 values")
                    .hasMessageContaining("feature 'a' has NaN at row 1");
        }

        @Test
        void refusesOptionsWithoutRoomForBinsOrSample() {
            assertThatThrownBy(() -> new FeatureReference.Options(1, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bins must be 2 or more, got 1")
                    .hasMessageContaining("sampleSize must be 1 or more, got 0");
        }

        @Test
        void refusesAProfileWhoseSharesDoNotSumToOne() {
            assertThatThrownBy(() -> new FeatureProfile("x", 0, new double[] {1}, new double[] {0.5, 0.4}, new double[] {1}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("feature 'x'")
                    .hasMessageContaining("proportions must sum to 1")
                    .hasMessageContaining("trainingCount must be at least the sample's size (1), got 0");
        }
    }
}
