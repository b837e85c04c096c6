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

class PageHinkleyTests {

    @Nested
    class WhenTheErrorRateJumps {

        @Test
        void signalsADriftOnceTheSumClimbsLambda() {
            // From 0.1 to 0.3 each outcome adds 0.3 - mean_t - delta ~ 0.195 to m_T on average
            // (mean_t, over ~5,000 outcomes, barely moves), so m_T climbs lambda = 50 in ~256
            // outcomes; at three standard deviations of the sum, 3 * sqrt(0.21 k), it needs
            // k with 0.195k - 3 sqrt(0.21k) > 50, about 370. Bound: 500.
            assertThat(longestDelay(PageHinkleySettings.DEFAULTS, 20, 0.1, 0.3)).isBetween(0, 500);
        }

        @Test
        void warnsAtHalfLambdaFirst() {
            PageHinkley ph = new PageHinkley(PageHinkleySettings.DEFAULTS);
            Random random = new Random(9);
            firstDrift(ph, random, 0.1, 5_000);
            DetectorState state = DetectorState.STABLE;
            boolean warned = false;
            while (state != DetectorState.DRIFT) {
                state = ph.update(random.nextDouble() < 0.3);
                warned |= state == DetectorState.WARNING;
                if (!warned) {
                    assertThat(ph.statistic()).isLessThanOrEqualTo(25);
                }
            }
            assertThat(warned).isTrue();
            assertThat(ph.statistic()).isGreaterThan(50);
        }

        @Test
        void ignoresAFall() {
            PageHinkley ph = new PageHinkley(PageHinkleySettings.DEFAULTS);
            Random random = new Random(10);
            settle(ph, random, 0.3, 5_000);
            assertThat(firstDrift(ph, random, 0.1, 20_000)).isEqualTo(-1);
        }
    }

    @Nested
    class OnAStableErrorRate {

        @Test
        void rarelySignalsADriftAtTenPercent() {
            // Without forgetting, PH_T is a random walk reflected at 0 with drift -delta and step
            // variance p(1-p) = 0.09; with a = 2 delta lambda / 0.09 = 5.6 its mean time to pass
            // lambda is about (e^a - 1 - a) / (2 delta^2 / 0.09) ~ 450,000 outcomes, so about one
            // run in five of 100,000 may raise a false drift (measured: 2 of 20).
            assertThat(runsWithADrift(PageHinkleySettings.DEFAULTS, 20, 0.1, 100_000)).isLessThanOrEqualTo(4);
        }

        @Test
        void falselySignalsInMostRunsAtTwentyPercent() {
            // The same estimate at p = 0.2 (step variance 0.16, a = 3.1) gives ~60,000 outcomes
            // between false alarms: delta = 0.005 is small for this variance, and most runs of
            // 100,000 raise one (measured: 18 of 20). Where errors are this common, raise delta or lambda.
            assertThat(runsWithADrift(PageHinkleySettings.DEFAULTS, 20, 0.2, 100_000)).isGreaterThanOrEqualTo(12);
        }

        @Test
        void falselySignalsWithTheUsualForgettingFactor() {
            // Why alpha defaults to 1: see PageHinkleySettings (measured: 19 of 20 runs).
            var fading = new PageHinkleySettings(30, 0.005, 50, 0.5, 1 - 0.0001);
            assertThat(runsWithADrift(fading, 20, 0.1, 100_000)).isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void resetForgetsTheSum() {
        PageHinkley ph = new PageHinkley(PageHinkleySettings.DEFAULTS);
        Random random = new Random(12);
        firstDrift(ph, random, 0.1, 5_000);
        firstDrift(ph, random, 0.5, 60);
        assertThat(ph.statistic()).isGreaterThan(10);
        ph.reset();
        assertThat(ph.statistic()).isZero();
        assertThat(ph.errorRate()).isZero();
        // Its mean now starts from the new rate, so the rate that rose is no rise.
        assertThat(firstDrift(ph, random, 0.5, 5_000)).isEqualTo(-1);
        assertThat(ph.errorRate()).isBetween(0.47, 0.53);
    }

    @Test
    void isCalledPh() {
        assertThat(new PageHinkley(PageHinkleySettings.DEFAULTS).name()).isEqualTo("PH");
    }

    @Test
    void settingsNameEveryProblem() {
        assertThatThrownBy(() -> new PageHinkleySettings(0, -0.1, 0, 1, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minInstances must be 1 or more, got 0")
                .hasMessageContaining("delta must be at least 0 and below 1, got -0.1")
                .hasMessageContaining("lambda must be above 0 and finite, got 0.0")
                .hasMessageContaining("warningFraction must be between 0 and 1, got 1.0")
                .hasMessageContaining("alpha must be above 0 and at most 1 (1 for no forgetting), got 1.5");
    }
}
