package dev.hatchery.feedback.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DdmTests {

    /** Feeds {@code count} errors drawn with probability {@code rate}; returns the index of the first DRIFT, or -1. */
    private static int feed(Ddm ddm, Random random, double rate, int count) {
        for (int i = 0; i < count; i++) {
            if (ddm.update(random.nextDouble() < rate) == DetectorState.DRIFT) {
                return i;
            }
        }
        return -1;
    }

    @Nested
    class OnAStableErrorRate {

        @Test
        void staysQuietMostOfTheTime() {
            int falseAlarms = 0;
            for (int seed = 0; seed < 20; seed++) {
                if (feed(new Ddm(DdmSettings.DEFAULTS), new Random(seed), 0.1, 10_000) >= 0) {
                    falseAlarms++;
                }
            }
            // DDM is known for a few false alarms on long stable streams; most runs must stay quiet.
            assertThat(falseAlarms).isLessThanOrEqualTo(6);
        }

        @Test
        void staysQuietOnALongStreamAtTenPercent() {
            // With minInstances 1,000 the minimum p + s is taken from enough data that 3 standard
            // deviations are rarely passed by noise alone (measured: 0 of 20 runs of 100,000 at
            // 0.1; at 0.2, 4 of 20, as s grows with p(1-p) while the minimum's noise stays).
            assertThat(ErrorStreams.runsWithADrift(DdmSettings.DEFAULTS, 20, 0.1, 100_000)).isLessThanOrEqualTo(2);
        }

        @Test
        void estimatesTheErrorRate() {
            Ddm ddm = new Ddm(DdmSettings.DEFAULTS);
            feed(ddm, new Random(3), 0.2, 5_000);
            assertThat(ddm.errorRate()).isBetween(0.18, 0.22);
        }
    }

    @Nested
    class WhenTheErrorRateJumps {

        @Test
        void signalsADriftSoonAfterTheJump() {
            int detectedAfter = 0;
            int missed = 0;
            for (int seed = 0; seed < 20; seed++) {
                Ddm ddm = new Ddm(DdmSettings.DEFAULTS);
                Random random = new Random(seed);
                if (feed(ddm, random, 0.10, 5_000) >= 0) {
                    ddm.reset();
                    feed(ddm, random, 0.10, 5_000);
                }
                int at = feed(ddm, random, 0.25, 5_000);
                if (at < 0) {
                    missed++;
                } else {
                    detectedAfter = Math.max(detectedAfter, at);
                }
            }
            assertThat(missed).isZero();
            assertThat(detectedAfter).isLessThan(1_500);
        }

        @Test
        void warnsBeforeItSignals() {
            Ddm ddm = new Ddm(DdmSettings.DEFAULTS);
            Random random = new Random(11);
            feed(ddm, random, 0.05, 3_000);
            boolean warned = false;
            DetectorState state = DetectorState.STABLE;
            while (state != DetectorState.DRIFT) {
                state = ddm.update(random.nextDouble() < 0.4);
                warned |= state == DetectorState.WARNING;
            }
            assertThat(warned).isTrue();
        }
    }

    @Test
    void signalsADriftAfterAJumpWithinTheBound() {
        // DDM's minimum p + s after ~5,000 outcomes at 0.1 has sMin ~ sqrt(0.09 / 5,000) = 0.0042;
        // with s barely moving, p + s passes pMin + 3 sMin once p gains ~2 sMin = 0.0085, and k
        // outcomes at 0.3 add 0.2k / (5,000 + k): k ~ 220. The minimum, taken at a low point of
        // the noise, and the noise of p add a few hundred more. Bound: 1,000.
        assertThat(ErrorStreams.longestDelay(DdmSettings.DEFAULTS, 20, 0.1, 0.3)).isBetween(0, 1_000);
    }

    @Test
    void resetForgetsTheMinimum() {
        Ddm reset = new Ddm(DdmSettings.DEFAULTS);
        feed(reset, new Random(6), 0.02, 10_000);
        reset.reset();
        assertThat(reset.errorRate()).isZero();
        assertThat(reset.statistic()).isZero();
        Ddm fresh = new Ddm(DdmSettings.DEFAULTS);
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            boolean error = random.nextDouble() < 0.3;
            assertThat(reset.update(error)).isEqualTo(fresh.update(error));
        }
        assertThat(reset.statistic()).isEqualTo(fresh.statistic());
    }

    @Test
    void reportsHowManyDeviationsAboveTheMinimumItIs() {
        Ddm ddm = new Ddm(DdmSettings.DEFAULTS);
        Random random = new Random(8);
        feed(ddm, random, 0.1, 5_000);
        assertThat(ddm.statistic()).isLessThan(3);
        int at = feed(ddm, random, 0.3, 5_000);
        assertThat(at).isNotNegative();
        assertThat(ddm.statistic()).isGreaterThan(3);
        assertThat(ddm.name()).isEqualTo("DDM");
    }

    @Test
    void settingsNameEveryProblem() {
        assertThatThrownBy(() -> new DdmSettings(0, 3.0, 2.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minInstances must be 1 or more, got 0")
                .hasMessageContaining("driftLevel must be above warningLevel (3.0), got 2.0");
    }
}
