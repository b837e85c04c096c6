package dev.hatchery.feedback.drift;

import static dev.hatchery.feedback.drift.ErrorStreams.firstDrift;
import static dev.hatchery.feedback.drift.ErrorStreams.longestDelay;
import static dev.hatchery.feedback.drift.ErrorStreams.runsWithADrift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EddmTests {

    @Nested
    class WhenTheErrorRateJumps {

        @Test
        void signalsADriftOnceTheDistancesShrinkByATenth() {
            // The paper gives no bound; this is the arithmetic of its statistic. Distances between
            // errors are geometric: at 0.1 mean 10, E[d^2] 190, so p' + 2s' ~ 29; at 0.3 mean 3.3,
            // E[d^2] 18.9. With the e ~ 500 errors of 5,000 outcomes at 0.1 behind it, k errors at
            // 0.3 give a mixture with p' = (10e + 3.3k)/(e + k) and s'^2 = (190e + 18.9k)/(e + k) - p'^2:
            // at k = 150 p' + 2s' = 26.2, the 0.90 of 29. Those 150 errors take ~500 outcomes;
            // the bound doubles that for the noise of the remembered maximum.
            assertThat(longestDelay(EddmSettings.DEFAULTS, 20, 0.1, 0.3)).isBetween(0, 1_000);
        }

        @Test
        void warnsBeforeItSignals() {
            for (int seed = 0; seed < 10; seed++) {
                Eddm eddm = new Eddm(EddmSettings.DEFAULTS);
                Random random = new Random(seed);
                for (int i = 0; i < 5_000; i++) {
                    if (eddm.update(random.nextDouble() < 0.05) == DetectorState.DRIFT) {
                        eddm.reset();
                    }
                }
                boolean warned = false;
                DetectorState state = DetectorState.STABLE;
                while (state != DetectorState.DRIFT) {
                    state = eddm.update(random.nextDouble() < 0.2);
                    warned |= state == DetectorState.WARNING;
                }
                assertThat(warned).as("seed %d", seed).isTrue();
                assertThat(eddm.statistic()).isLessThan(0.90);
            }
        }
    }

    @Nested
    class OnAStableErrorRate {

        @Test
        void falselySignalsADriftInMostLongRuns() {
            // EDDM false-alarms on long stable streams: its maximum of p' + 2s' is set while the
            // estimates rest on a few dozen distances, and the fall back to the true level, with
            // s' of a geometric distance close to its mean, is often more than a tenth. Without forgetting, every long
            // stable run carries that risk; measured, 19 of 20 runs of 100,000 outcomes at 0.1
            // signal a drift. Asserted so that a change of this behaviour is noticed.
            assertThat(runsWithADrift(EddmSettings.DEFAULTS, 20, 0.1, 100_000)).isGreaterThanOrEqualTo(15);
        }

        @Test
        void judgesOnlyOnErrors() {
            Eddm eddm = new Eddm(EddmSettings.DEFAULTS);
            firstDrift(eddm, new Random(4), 0.1, 1_000);
            double ratio = eddm.statistic();
            for (int i = 0; i < 50; i++) {
                eddm.update(false);
            }
            assertThat(eddm.statistic()).isEqualTo(ratio);
        }

        @Test
        void estimatesTheErrorRate() {
            Eddm eddm = new Eddm(EddmSettings.DEFAULTS);
            for (int i = 0; i < 10_000; i++) {
                eddm.update(i % 5 == 0);
            }
            assertThat(eddm.errorRate()).isEqualTo(0.2);
        }
    }

    @Test
    void resetForgetsTheDistances() {
        Eddm reset = new Eddm(EddmSettings.DEFAULTS);
        firstDrift(reset, new Random(6), 0.02, 10_000);
        reset.reset();
        assertThat(reset.errorRate()).isZero();
        assertThat(reset.statistic()).isEqualTo(1);
        // From then on it must judge exactly as a fresh detector: the long distances of the 2%
        // stream, which would make errors at 30% look like a drift, are gone.
        Eddm fresh = new Eddm(EddmSettings.DEFAULTS);
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            boolean error = random.nextDouble() < 0.3;
            assertThat(reset.update(error)).isEqualTo(fresh.update(error));
            assertThat(reset.statistic()).isEqualTo(fresh.statistic());
        }
    }

    @Test
    void isCalledEddm() {
        assertThat(new Eddm(EddmSettings.DEFAULTS).name()).isEqualTo("EDDM");
    }

    @Test
    void settingsNameEveryProblem() {
        assertThatThrownBy(() -> new EddmSettings(1, 1.5, 1.6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minErrors must be 2 or more (a standard deviation needs two distances), got 1")
                .hasMessageContaining("warningLevel must be between 0 and 1, got 1.5")
                .hasMessageContaining("driftLevel must be above 0 and below warningLevel (1.5), got 1.6");
    }
}
