package dev.hatchery.feedback.drift;

import static dev.hatchery.feedback.drift.ErrorStreams.firstDrift;
import static dev.hatchery.feedback.drift.ErrorStreams.longestDelay;
import static dev.hatchery.feedback.drift.ErrorStreams.runsWithADrift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AdwinTests {

    @Nested
    class WhenTheErrorRateJumps {

        @Test
        void signalsADriftWithinTheBoundOfTheCutTest() {
            // After k outcomes at 0.3 behind ~5,000 at 0.1: m ~ k, var_W ~ 0.13 (the window's
            // mean is near 0.15), delta' = 0.002 / ln 5,000, ln(2/delta') ~ 9.05, so
            // eps_cut ~ sqrt(2 * 0.13 * 9.05 / k) + 6.03 / k: 0.092 at k = 400, while the means
            // differ by 0.2 less at most 3 standard deviations, 3 * sqrt(0.21 / 400) = 0.069,
            // still 0.13. The clock adds up to 31 outcomes and the bucket borders some more: 500.
            assertThat(longestDelay(AdwinSettings.DEFAULTS, 20, 0.1, 0.3)).isBetween(0, 500);
        }

        @Test
        void doesNotSignalADriftWhenItFalls() {
            Adwin adwin = new Adwin(AdwinSettings.DEFAULTS);
            Random random = new Random(5);
            firstDrift(adwin, random, 0.3, 5_000);
            long before = adwin.width();

            assertThat(firstDrift(adwin, random, 0.1, 2_000)).isEqualTo(-1);
            assertThat(adwin.width()).as("the window drops the outcomes before the fall").isLessThan(before);
            assertThat(adwin.errorRate()).isBetween(0.07, 0.13);
        }

        @Test
        void reportsAStatisticAboveOneWhenItSignals() {
            Adwin adwin = new Adwin(AdwinSettings.DEFAULTS);
            Random random = new Random(8);
            firstDrift(adwin, random, 0.1, 5_000);
            assertThat(adwin.statistic()).isLessThan(1);

            firstDrift(adwin, random, 0.5, 5_000);
            assertThat(adwin.statistic()).isGreaterThan(1);
        }
    }

    @Nested
    class OnAStableErrorRate {

        @Test
        void neverSignalsADriftIn100000Outcomes() {
            assertThat(runsWithADrift(AdwinSettings.DEFAULTS, 20, 0.1, 100_000)).isZero();
            assertThat(runsWithADrift(AdwinSettings.DEFAULTS, 20, 0.2, 100_000)).isZero();
        }

        @Test
        void keepsTheWholeStreamAndItsRate() {
            Adwin adwin = new Adwin(AdwinSettings.DEFAULTS);
            firstDrift(adwin, new Random(3), 0.2, 50_000);
            assertThat(adwin.width()).isEqualTo(50_000);
            assertThat(adwin.errorRate()).isBetween(0.19, 0.21);
        }

        @Test
        void takesAMillionOutcomesWellUnderASecond() {
            Adwin adwin = new Adwin(AdwinSettings.DEFAULTS);
            Random random = new Random(1);
            long start = System.nanoTime();
            for (int i = 0; i < 1_000_000; i++) {
                adwin.update(random.nextDouble() < 0.2);
            }
            // Measured near 0.1 s; a generous limit so that a busy build machine does not fail it.
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.0);
            assertThat(adwin.width()).isEqualTo(1_000_000);
        }
    }

    @Test
    void resetForgetsTheWindow() {
        Adwin adwin = new Adwin(AdwinSettings.DEFAULTS);
        Random random = new Random(2);
        firstDrift(adwin, random, 0.1, 5_000);
        adwin.reset();
        assertThat(adwin.width()).isZero();
        assertThat(adwin.errorRate()).isZero();
        assertThat(adwin.statistic()).isZero();
        // Without the old 10% in the window, a stream at 30% is simply its new normal.
        assertThat(firstDrift(adwin, random, 0.3, 20_000)).isEqualTo(-1);
        assertThat(adwin.errorRate()).isBetween(0.27, 0.33);
    }

    @Test
    void isCalledAdwin() {
        assertThat(new Adwin(AdwinSettings.DEFAULTS).name()).isEqualTo("ADWIN");
    }

    @Test
    void settingsNameEveryProblem() {
        assertThatThrownBy(() -> new AdwinSettings(0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delta must be between 0 and 1, got 0.0")
                .hasMessageContaining("bucketsPerRow must be 2 or more, got 1")
                .hasMessageContaining("clock must be 1 or more, got 0");
    }
}
