package dev.hatchery.feedback.datadrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KolmogorovSmirnovTests {

    @Nested
    class Statistic {

        @Test
        void matchesAHandComputedExample() {
            // a = {1, 2, 3, 4}, b = {3, 4, 5, 6}; F_a - F_b after each value:
            //   x=1: 1/4 - 0 = 0.25   x=2: 2/4 - 0 = 0.5   x=3: 3/4 - 1/4 = 0.5
            //   x=4: 1 - 2/4 = 0.5    x=5: 1 - 3/4 = 0.25  x=6: 1 - 1 = 0      -> D = 0.5
            assertThat(KolmogorovSmirnov.statistic(new double[] {4, 2, 3, 1}, new double[] {6, 3, 5, 4})).isEqualTo(0.5);
        }

        @Test
        void countsAllTiedValuesBeforeComparing() {
            // a = {1, 2, 2, 3}, b = {2, 2, 2, 4}:
            //   x=1: 1/4 - 0 = 0.25   x=2: 3/4 - 3/4 = 0   x=3: 1 - 3/4 = 0.25   x=4: 1 - 1 = 0 -> D = 0.25
            // Stepping through ties one value at a time would report 2/4 - 0 = 0.5 half-way through x=2.
            assertThat(KolmogorovSmirnov.statistic(new double[] {1, 2, 2, 3}, new double[] {2, 2, 2, 4})).isEqualTo(0.25);
        }

        @Test
        void handlesSamplesOfDifferentSizes() {
            // a = {1, 2, 3}, b = {2, 4}:
            //   x=1: 1/3 - 0 = 1/3   x=2: 2/3 - 1/2 = 1/6   x=3: 1 - 1/2 = 1/2   x=4: 0 -> D = 0.5
            assertThat(KolmogorovSmirnov.statistic(new double[] {1, 2, 3}, new double[] {2, 4})).isEqualTo(0.5);
        }

        @Test
        void isZeroForIdenticalSamples() {
            double[] sample = {0.3, 1.7, 1.7, -2, 5, 0.1, 0.1, 0.1};
            assertThat(KolmogorovSmirnov.statistic(sample, sample.clone())).isZero();
        }

        @Test
        void isZeroForTheSameValuesRepeatedInProportion() {
            // Every value twice as often in b: the distribution functions agree everywhere.
            assertThat(KolmogorovSmirnov.statistic(new double[] {1, 2, 3}, new double[] {3, 3, 2, 2, 1, 1})).isZero();
        }

        @Test
        void isOneForDisjointSamples() {
            assertThat(KolmogorovSmirnov.statistic(new double[] {1, 2, 3}, new double[] {3.5, 4, 10, 11})).isEqualTo(1.0);
            assertThat(KolmogorovSmirnov.statistic(new double[] {7, 8}, new double[] {1, 2, 3})).isEqualTo(1.0);
        }

        @Test
        void leavesItsArgumentsAlone() {
            double[] a = {3, 1, 2};
            KolmogorovSmirnov.statistic(a, new double[] {5, 4});
            assertThat(a).containsExactly(3, 1, 2);
        }

        @Test
        void refusesAnEmptySample() {
            assertThatThrownBy(() -> KolmogorovSmirnov.statistic(new double[0], new double[] {1}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("two non-empty samples, got 0 and 1 values");
        }
    }

    @Nested
    class CriticalValueAndPValue {

        @Test
        void criticalValueMatchesAHandComputedExample() {
            // alpha = 0.05: c = sqrt(-ln(0.025) / 2) = sqrt(3.6888795 / 2) = sqrt(1.8444397) = 1.3581015
            // n = m = 100:  sqrt(200 / 10000) = sqrt(0.02) = 0.1414214;  1.3581015 * 0.1414214 = 0.1920646
            assertThat(KolmogorovSmirnov.criticalValue(0.05, 100, 100)).isCloseTo(0.1920646, within(1e-6));
        }

        @Test
        void criticalValueAtOnePercentUsesTheTabulatedCoefficient() {
            // alpha = 0.01: c = sqrt(-ln(0.005) / 2) = sqrt(5.2983174 / 2) = 1.6276236 (tables: 1.63)
            // n = m = 1000: sqrt(2000 / 1e6) = 0.0447214;  1.6276236 * 0.0447214 = 0.0727896
            assertThat(KolmogorovSmirnov.criticalValue(0.01, 1000, 1000)).isCloseTo(0.0727896, within(1e-6));
        }

        @Test
        void pValueFollowsTheKolmogorovSeries() {
            // n = m = 200: sqrt(n m / (n + m)) = sqrt(100) = 10, so lambda = 10 D.
            // Q(lambda) = 2 (e^(-2 lambda^2) - e^(-8 lambda^2) + e^(-18 lambda^2) - ...)
            // lambda = 0.5: 2 (0.6065307 - 0.1353353 + 0.0111090 - 0.0003355 + 0.0000037) = 0.9639452
            // lambda = 1.0: 2 (0.1353353 - 0.0003355 + 0.0000000) = 0.2699996
            // lambda = 1.5: 2 (0.0111090 - 0.0000000)             = 0.0222180
            // (the first two use the small-lambda form of the same function, the last the series itself)
            assertThat(KolmogorovSmirnov.pValue(0.05, 200, 200)).isCloseTo(0.9639452, within(1e-6));
            assertThat(KolmogorovSmirnov.pValue(0.10, 200, 200)).isCloseTo(0.2699996, within(1e-6));
            assertThat(KolmogorovSmirnov.pValue(0.15, 200, 200)).isCloseTo(0.0222180, within(1e-6));
        }

        @Test
        void bothFormsAgreeWhereTheySwitch() {
            assertThat(KolmogorovSmirnov.kolmogorovTail(1.18 - 1e-9))
                    .isCloseTo(KolmogorovSmirnov.kolmogorovTail(1.18), within(1e-8));
        }

        @Test
        void pValueAtTheCriticalValueIsAlpha() {
            // c(alpha) keeps only the first term, 2 e^(-2 c^2) = alpha; the next, -2 (alpha / 2)^4, is 1.25e-9.
            double critical = KolmogorovSmirnov.criticalValue(0.01, 1000, 1000);
            assertThat(KolmogorovSmirnov.pValue(critical, 1000, 1000)).isCloseTo(0.01, within(1e-8)).isLessThan(0.01);
        }

        @Test
        void pValueIsOneAtZeroAndFallsWithD() {
            assertThat(KolmogorovSmirnov.pValue(0, 50, 50)).isEqualTo(1.0);
            assertThat(KolmogorovSmirnov.pValue(0.001, 50, 50)).isEqualTo(1.0);
            assertThat(KolmogorovSmirnov.pValue(0.3, 50, 50)).isLessThan(KolmogorovSmirnov.pValue(0.2, 50, 50));
            assertThat(KolmogorovSmirnov.pValue(1, 1000, 1000)).isZero();
        }

        @Test
        void refusesAnAlphaOutsideZeroToOne() {
            assertThatThrownBy(() -> KolmogorovSmirnov.criticalValue(1.0, 10, 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("alpha must be in (0, 1), got 1.0");
        }
    }
}
