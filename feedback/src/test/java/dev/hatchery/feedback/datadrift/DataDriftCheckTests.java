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

class DataDriftCheckTests {

    private static final List<String> NAMES = List.of("amount", "age");
    private static final DataDriftCheck CHECK = new DataDriftCheck(DataDriftSettings.DEFAULTS);

    /** Rows of two independent normal features, N(shiftA, 1) and N(shiftB, 1). */
    private static double[][] rows(Random random, int count, double shiftA, double shiftB) {
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = new double[] {shiftA + random.nextGaussian(), shiftB + random.nextGaussian()};
        }
        return rows;
    }

    private static final FeatureReference REFERENCE = FeatureReference.of(NAMES, rows(new Random(42), 10_000, 0, 0));

    private static DataDriftReport check(DataDriftCheck check, double[][] window) {
        return check.check(REFERENCE, window).orElseThrow();
    }

    @Nested
    class OnAStableStream {

        @Test
        void rarelyFlagsAFeatureAndNeverByPsi() {
            int ksFlags = 0;
            int psiFlags = 0;
            double largestPsi = 0;
            for (int seed = 0; seed < 100; seed++) {
                for (FeatureDrift drift : check(CHECK, rows(new Random(seed), 1_000, 0, 0)).features()) {
                    ksFlags += drift.flaggedBy().contains(DriftTest.KOLMOGOROV_SMIRNOV) ? 1 : 0;
                    psiFlags += drift.flaggedBy().contains(DriftTest.PSI) ? 1 : 0;
                    largestPsi = Math.max(largestPsi, drift.psi());
                }
            }
            // 200 feature checks at alpha = 0.01: about 2 false flags expected (27 in 4,000 measured on
            // other seeds, 0.7%); 7 or more would happen by chance with probability under 0.5%
            // (binomial 200, 0.01).
            assertThat(ksFlags).isLessThanOrEqualTo(6);
            // Sampling noise alone gives a PSI near (bins - 1)(1/1000 + 1/10000), about 0.01; far below 0.25.
            assertThat(psiFlags).isZero();
            assertThat(largestPsi).isLessThan(Psi.STABLE_BELOW);
        }

        @Test
        void reportsPValuesAboveAlphaForMostWindows() {
            int below = 0;
            for (int seed = 100; seed < 120; seed++) {
                for (FeatureDrift drift : check(CHECK, rows(new Random(seed), 1_000, 0, 0)).features()) {
                    below += drift.ksPValue() < 0.01 ? 1 : 0;
                }
            }
            // 40 checks at 1%: expected 0.4, so at most 2 (3 or more: probability 0.7%).
            assertThat(below).isLessThanOrEqualTo(2);
        }
    }

    @Nested
    class WhenAFeatureShifts {

        @Test
        void flagsAHalfStandardDeviationShiftEveryTime() {
            for (int seed = 0; seed < 20; seed++) {
                DataDriftReport report = check(CHECK, rows(new Random(seed), 1_000, 0.5, 0));
                // Expected D = 2 Phi(0.25) - 1 = 0.197, 2.7 times the critical value of 0.073.
                assertThat(report.drifted()).as("seed %d", seed).isTrue();
                FeatureDrift amount = report.features().getFirst();
                assertThat(amount.feature()).isEqualTo("amount");
                assertThat(amount.flaggedBy()).as("seed %d", seed).contains(DriftTest.KOLMOGOROV_SMIRNOV);
                assertThat(amount.ksStatistic()).isGreaterThan(amount.ksCriticalValue());
            }
        }

        @Test
        void flagsAFifthOfAStandardDeviationByKolmogorovSmirnovAlone() {
            // Expected D = 2 Phi(0.1) - 1 = 0.080 against a critical value of
            // 1.6276 sqrt(1/10000 + 1/1000) = 0.054; PSI, about the shift squared (0.04) plus sampling noise,
            // stays below 0.25.
            for (int seed = 0; seed < 20; seed++) {
                FeatureDrift amount = check(CHECK, rows(new Random(seed), 1_000, 0.2, 0)).features().getFirst();
                assertThat(amount.ksCriticalValue()).isCloseTo(0.0539822, within(1e-6));
                assertThat(amount.flaggedBy()).as("seed %d", seed).containsExactly(DriftTest.KOLMOGOROV_SMIRNOV);
            }
        }

        @Test
        void flagsAOneStandardDeviationShiftByBothTests() {
            DataDriftReport report = check(CHECK, rows(new Random(7), 1_000, 1.0, 0));
            assertThat(report.features().getFirst().flaggedBy())
                    .containsExactly(DriftTest.PSI, DriftTest.KOLMOGOROV_SMIRNOV);
            assertThat(report.features().getFirst().ksPValue()).isLessThan(1e-10);
        }

        @Test
        void namesOnlyTheFeatureThatShifted() {
            DataDriftReport report = check(CHECK, rows(new Random(8), 1_000, 0, -1.0));
            assertThat(report.driftedFeatures()).extracting(FeatureDrift::feature).containsExactly("age");
            assertThat(report.features().getFirst().drifted()).isFalse();
        }

        @Test
        void leavesOutAnIgnoredFeatureHoweverFarItMoved() {
            DataDriftCheck ignoringAge = new DataDriftCheck(new DataDriftSettings(1_000, 0.25, 0.01, 500, 500,
                    List.of("age", "not a feature of this model")));
            DataDriftReport report = check(ignoringAge, rows(new Random(8), 1_000, 0, 5.0));
            assertThat(report.features()).extracting(FeatureDrift::feature).containsExactly("amount");
            assertThat(report.drifted()).isFalse();
            assertThat(check(CHECK, rows(new Random(8), 1_000, 0, 5.0)).drifted()).isTrue();
        }

        @Test
        void saysWhichTestFlaggedIt() {
            double[][] window = rows(new Random(9), 1_000, 1.0, 0);
            DataDriftCheck ksOnly = new DataDriftCheck(new DataDriftSettings(1_000, 100, 0.01, 500, 500));
            // At alpha = 1e-300, c(alpha) = 18.6 puts the critical value above 1, out of D's reach.
            DataDriftCheck psiOnly = new DataDriftCheck(new DataDriftSettings(1_000, 0.25, 1e-300, 500, 500));
            assertThat(check(ksOnly, window).features().getFirst().flaggedBy())
                    .containsExactly(DriftTest.KOLMOGOROV_SMIRNOV);
            assertThat(check(psiOnly, window).features().getFirst().flaggedBy()).containsExactly(DriftTest.PSI);
        }

        @Test
        void flagsAChangeOfSpreadThatKeepsTheMean() {
            Random random = new Random(10);
            double[][] window = new double[1_000][];
            for (int i = 0; i < window.length; i++) {
                window[i] = new double[] {2 * random.nextGaussian(), random.nextGaussian()};
            }
            assertThat(check(CHECK, window).driftedFeatures()).extracting(FeatureDrift::feature).containsExactly("amount");
        }
    }

    @Nested
    class Window {

        @Test
        void isNotCheckedBelowTheMinimumOfEvents() {
            assertThat(CHECK.check(REFERENCE, rows(new Random(1), 499, 3, 3))).isEmpty();
            assertThat(CHECK.check(REFERENCE, rows(new Random(1), 500, 3, 3))).isPresent();
        }

        @Test
        void isTheMostRecentRowsOnly() {
            // 1,000 shifted rows, then 1,000 stable ones: only the stable ones are in the window.
            double[][] older = rows(new Random(2), 1_000, 3, 3);
            double[][] recent = rows(new Random(3), 1_000, 0, 0);
            double[][] all = new double[2_000][];
            System.arraycopy(older, 0, all, 0, 1_000);
            System.arraycopy(recent, 0, all, 1_000, 1_000);
            DataDriftReport report = check(CHECK, all);
            assertThat(report.events()).isEqualTo(1_000);
            assertThat(report.drifted()).isFalse();
        }

        @Test
        void refusesRowsOfAnotherVersion() {
            assertThatThrownBy(() -> CHECK.check(REFERENCE, new double[500][3]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("row 0 has 3 features, the reference has 2 [amount, age]");
        }

        @Test
        void refusesNonFiniteValues() {
            double[][] window = rows(new Random(4), 600, 0, 0);
            window[450][1] = Double.POSITIVE_INFINITY;
            assertThatThrownBy(() -> CHECK.check(REFERENCE, window))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("feature 'age' has Infinity at row 450");
        }

        @Test
        void isCheckedEveryNEventsOnceTheMinimumIsReached() {
            DataDriftCheck check = new DataDriftCheck(new DataDriftSettings(10, 0.25, 0.01, 6, 3));
            RecentFeatures recent = new RecentFeatures(10);
            StringBuilder due = new StringBuilder();
            for (int i = 1; i <= 15; i++) {
                recent.add(new double[] {i, i});
                if (check.isDue(recent)) {
                    due.append(i).append(' ');
                }
            }
            assertThat(due.toString()).isEqualTo("6 9 12 15 ");
        }

        @Test
        void canBeTakenFromRecentFeatures() {
            RecentFeatures recent = new RecentFeatures(DataDriftSettings.DEFAULTS.window());
            for (double[] row : rows(new Random(6), 1_500, 0, 2)) {
                recent.add(row);
            }
            DataDriftReport report = CHECK.check(REFERENCE, recent).orElseThrow();
            assertThat(report.events()).isEqualTo(1_000);
            assertThat(report.driftedFeatures()).extracting(FeatureDrift::feature).containsExactly("age");
        }
    }

    @Nested
    class RecentFeaturesBuffer {

        @Test
        void keepsTheLastRowsOldestFirst() {
            RecentFeatures recent = new RecentFeatures(3);
            for (int i = 1; i <= 5; i++) {
                recent.add(new double[] {i});
            }
            assertThat(recent.size()).isEqualTo(3);
            assertThat(recent.added()).isEqualTo(5);
            assertThat(recent.rows()).isDeepEqualTo(new double[][] {{3}, {4}, {5}});
        }

        @Test
        void holdsFewerRowsUntilFull() {
            RecentFeatures recent = new RecentFeatures(3);
            assertThat(recent.rows()).isEmpty();
            recent.add(new double[] {1});
            recent.add(new double[] {2});
            assertThat(recent.rows()).isDeepEqualTo(new double[][] {{1}, {2}});
        }

        @Test
        void copiesRowsInAndOut() {
            RecentFeatures recent = new RecentFeatures(2);
            double[] row = {1, 2};
            recent.add(row);
            row[0] = 9;
            recent.rows()[0][1] = 9;
            assertThat(recent.rows()[0]).containsExactly(1, 2);
        }

        @Test
        void refusesARowOfAnotherWidth() {
            RecentFeatures recent = new RecentFeatures(2);
            recent.add(new double[] {1, 2});
            assertThatThrownBy(() -> recent.add(new double[] {1, 2, 3}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("row has 3 features, the rows kept have 2: keep one buffer per model version");
        }

        @Test
        void refusesACapacityBelowOne() {
            assertThatThrownBy(() -> new RecentFeatures(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("capacity must be 1 or more, got 0");
        }

        @Test
        void survivesJavaSerializationMidRing() throws IOException, ClassNotFoundException {
            RecentFeatures recent = new RecentFeatures(3);
            for (int i = 1; i <= 4; i++) {
                recent.add(new double[] {i});
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(recent);
            }
            RecentFeatures copy;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                copy = (RecentFeatures) in.readObject();
            }
            copy.add(new double[] {5});
            assertThat(copy.rows()).isDeepEqualTo(new double[][] {{3}, {4}, {5}});
            assertThat(copy.added()).isEqualTo(5);
        }
    }
}
