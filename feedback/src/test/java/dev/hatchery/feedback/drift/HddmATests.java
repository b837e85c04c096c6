package dev.hatchery.feedback.drift;

import static dev.hatchery.feedback.drift.ErrorStreams.firstDrift;
import static dev.hatchery.feedback.drift.ErrorStreams.longestDelay;
import static dev.hatchery.feedback.drift.ErrorStreams.runsWithADrift;
import static dev.hatchery.feedback.drift.ErrorStreams.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HddmATests {

    @Nested
    class WhenTheErrorRateJumps {

        @Test
        void signalsADriftWithinTheHoeffdingBound() {
            // The cut point stays near the change, c ~ 5,000. After k outcomes at 0.3,
            // Z - X ~ 0.2k / (c + k) and eps = sqrt(k / (2c(c + k)) * ln 1000): equal at k ~ 88.
            // With Z - X three standard deviations short (3 sqrt(0.21k) / (c + k)) it needs
            // 0.2k - 3 sqrt(0.21k) > sqrt(6.91 k (c + k) / 10,000), about k = 300. Bound: 500.
            assertThat(longestDelay(HddmASettings.DEFAULTS, 20, 0.1, 0.3)).isBetween(0, 500);
        }

        @Test
        void warnsBeforeItSignals() {
            HddmA hddm = new HddmA(HddmASettings.DEFAULTS);
            Random random = new Random(13);
            firstDrift(hddm, random, 0.1, 5_000);
            DetectorState state = DetectorState.STABLE;
            boolean warned = false;
            while (state != DetectorState.DRIFT) {
                state = hddm.update(random.nextDouble() < 0.3);
                warned |= state == DetectorState.WARNING;
            }
            assertThat(warned).isTrue();
            assertThat(hddm.statistic()).isGreaterThanOrEqualTo(1);
        }

        @Test
        void ignoresAFall() {
            // A few thousand outcomes only: over much longer the false alarms of a stable stream
            // (see below) would blur what is tested here.
            for (int seed = 0; seed < 20; seed++) {
                HddmA hddm = new HddmA(HddmASettings.DEFAULTS);
                Random random = new Random(seed);
                settle(hddm, random, 0.3, 5_000);
                assertThat(firstDrift(hddm, random, 0.1, 3_000)).as("seed %d", seed).isEqualTo(-1);
            }
        }
    }

    @Nested
    class OnAStableErrorRate {

        @Test
        void rarelySignalsADriftAtTenPercent() {
            // Each test holds its confidence of 0.001, but it is repeated at every outcome, and
            // the cut point is the prefix whose mean looked lowest; over 100,000 outcomes some
            // runs raise a false drift (measured: 3 of 20 at 0.1, 12 of 20 at 0.2).
            assertThat(runsWithADrift(HddmASettings.DEFAULTS, 20, 0.1, 100_000)).isLessThanOrEqualTo(5);
        }

        @Test
        void estimatesTheErrorRate() {
            HddmA hddm = new HddmA(HddmASettings.DEFAULTS);
            for (int i = 0; i < 10_000; i++) {
                hddm.update(i % 10 == 0);
            }
            assertThat(hddm.errorRate()).isEqualTo(0.1);
        }
    }

    @Test
    void resetForgetsTheCutPoint() {
        HddmA hddm = new HddmA(HddmASettings.DEFAULTS);
        Random random = new Random(15);
        firstDrift(hddm, random, 0.05, 10_000);
        hddm.reset();
        assertThat(hddm.statistic()).isZero();
        assertThat(hddm.errorRate()).isZero();
        // With the cut point of the 5% stream kept, 30% would be a drift within a few hundred outcomes.
        assertThat(firstDrift(hddm, random, 0.3, 5_000)).isEqualTo(-1);
    }

    @Test
    void isCalledHddmA() {
        assertThat(new HddmA(HddmASettings.DEFAULTS).name()).isEqualTo("HDDM-A");
    }

    @Test
    void settingsNameEveryProblem() {
        assertThatThrownBy(() -> new HddmASettings(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("driftConfidence must be between 0 and 1, got 0.0")
                .hasMessageContaining("warningConfidence must be above driftConfidence (0.0) and below 1, got 1.0");
    }
}
