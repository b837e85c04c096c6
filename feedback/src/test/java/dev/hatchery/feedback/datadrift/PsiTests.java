package dev.hatchery.feedback.datadrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PsiTests {

    @Nested
    class ComputedFromShares {

        @Test
        void isZeroForEqualShares() {
            assertThat(Psi.index(new double[] {0.2, 0.3, 0.5}, new double[] {0.2, 0.3, 0.5})).isZero();
        }

        @Test
        void matchesAHandComputedTwoBinExample() {
            // expected [0.5, 0.5], actual [0.3, 0.7]:
            //   (0.3 - 0.5) ln(0.3 / 0.5) = -0.2 * ln 0.6 = -0.2 * -0.5108256 = 0.1021651
            //   (0.7 - 0.5) ln(0.7 / 0.5) =  0.2 * ln 1.4 =  0.2 *  0.3364722 = 0.0672944
            //   sum                                                            = 0.1694596
            assertThat(Psi.index(new double[] {0.5, 0.5}, new double[] {0.3, 0.7})).isCloseTo(0.1694596, within(1e-7));
        }

        @Test
        void matchesAHandComputedThreeBinExample() {
            // expected [0.25, 0.5, 0.25], actual [0.1, 0.6, 0.3]:
            //   (0.1 - 0.25) ln(0.1 / 0.25) = -0.15 * ln 0.4 = -0.15 * -0.9162907 = 0.1374436
            //   (0.6 - 0.5)  ln(0.6 / 0.5)  =  0.1  * ln 1.2 =  0.1  *  0.1823216 = 0.0182322
            //   (0.3 - 0.25) ln(0.3 / 0.25) =  0.05 * ln 1.2 =  0.05 *  0.1823216 = 0.0091161
            //   sum                                                               = 0.1647918
            double psi = Psi.index(new double[] {0.25, 0.5, 0.25}, new double[] {0.1, 0.6, 0.3});
            assertThat(psi).isCloseTo(0.1647918, within(1e-7));
            assertThat(Psi.Reading.of(psi)).isEqualTo(Psi.Reading.MODERATE);
        }

        @Test
        void isSymmetricInExpectedAndActual() {
            double[] a = {0.1, 0.6, 0.3};
            double[] b = {0.25, 0.5, 0.25};
            assertThat(Psi.index(a, b)).isCloseTo(Psi.index(b, a), within(1e-12));
        }

        @Test
        void countsAnEmptyBinAsTheEpsilonShareInsteadOfInfinity() {
            // expected [0.5, 0.5], actual [0, 1]; the empty bin counts as 1e-4:
            //   (1e-4 - 0.5) ln(1e-4 / 0.5) = -0.4999 * ln(0.0002) = -0.4999 * -8.5171932 = 4.2577449
            //   (1 - 0.5)    ln(1 / 0.5)    =  0.5    * ln 2                 =  0.5 * 0.6931472 = 0.3465736
            //   sum                                                                             = 4.6043185
            assertThat(Psi.index(new double[] {0.5, 0.5}, new double[] {0.0, 1.0})).isCloseTo(4.6043185, within(1e-6));
        }

        @Test
        void refusesSharesOfDifferentBins() {
            assertThatThrownBy(() -> Psi.index(new double[] {0.5, 0.5}, new double[] {1.0}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2 expected and 1 actual shares");
        }
    }

    @Nested
    class ComputedFromValues {

        // Bins (-inf, 1], (1, 2], (2, +inf) holding a quarter, a half and a quarter of training.
        private final FeatureProfile profile = new FeatureProfile("x", 5, new double[] {1, 2},
                new double[] {0.25, 0.5, 0.25}, new double[] {0, 1, 1.5, 2, 3});

        @Test
        void binsTheValuesAtTheReferenceEdges() {
            // 1 value at or below 1, 6 in (1, 2] (2.0 itself included), 3 above 2: shares [0.1, 0.6, 0.3],
            // the three-bin example computed by hand above.
            double[] values = {0.5, 1.5, 1.5, 1.5, 1.5, 1.5, 2.0, 2.5, 3.0, 9.0};
            assertThat(Psi.index(profile, values)).isCloseTo(0.1647918, within(1e-7));
        }

        @Test
        void readsTheUsualBands() {
            assertThat(Psi.Reading.of(0.05)).isEqualTo(Psi.Reading.STABLE);
            assertThat(Psi.Reading.of(0.2)).isEqualTo(Psi.Reading.MODERATE);
            assertThat(Psi.Reading.of(0.3)).isEqualTo(Psi.Reading.SIGNIFICANT);
        }
    }
}
