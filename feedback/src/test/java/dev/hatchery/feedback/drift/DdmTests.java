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
    void settingsNameEveryProblem() {
        assertThatThrownBy(() -> new DdmSettings(0, 3.0, 2.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minInstances must be 1 or more, got 0")
                .hasMessageContaining("driftLevel must be above warningLevel (3.0), got 2.0");
    }
}
