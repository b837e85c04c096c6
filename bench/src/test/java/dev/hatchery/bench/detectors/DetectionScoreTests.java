package dev.hatchery.bench.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DetectionScoreTests {

    private static final List<Long> DRIFTS = List.of(250_000L, 500_000L, 750_000L);

    private static DetectionScore score(Long... detections) {
        return DetectionScore.of(List.of(detections), DRIFTS, 250_000, 1_000_000);
    }

    @Nested
    class ClassifiesDetections {

        @Test
        void theFirstDetectionInADriftsWindowIsTrueAndItsDelayCountsFromTheDriftsStart() {
            DetectionScore score = score(251_000L, 503_000L, 750_000L);

            assertThat(score.delays()).containsExactly(1_000L, 3_000L, 0L);
            assertThat(score.missed()).isZero();
            assertThat(score.falseAlarms()).isZero();
            assertThat(score.meanDelay()).isEqualTo(4_000.0 / 3);
        }

        @Test
        void aSecondDetectionInTheSameWindowIsAFalseAlarm() {
            DetectionScore score = score(251_000L, 260_000L, 501_000L, 751_000L);

            assertThat(score.delays()).containsExactly(1_000L, 1_000L, 1_000L);
            assertThat(score.falseAlarms()).isEqualTo(1);
        }

        @Test
        void detectionsBeforeTheFirstDriftAreFalseAlarms() {
            DetectionScore score = score(10_000L, 249_999L, 250_001L, 500_001L, 750_001L);

            assertThat(score.falseAlarms()).isEqualTo(2);
            assertThat(score.delays()).containsExactly(1L, 1L, 1L);
        }

        @Test
        void aDriftWithoutDetectionInItsWindowIsMissed() {
            DetectionScore score = score(251_000L);

            assertThat(score.delays()).containsExactly(1_000L);
            assertThat(score.missed()).isEqualTo(2);
            assertThat(score.missedDetectionRate()).isEqualTo(2.0 / 3);
        }

        @Test
        void aDetectionAtTheEndOfAWindowBelongsToTheNextDrift() {
            DetectionScore score = DetectionScore.of(List.of(499_999L, 500_000L), DRIFTS, 250_000, 1_000_000);

            assertThat(score.delays()).containsExactly(249_999L, 0L);
            assertThat(score.missed()).isEqualTo(1);
            assertThat(score.falseAlarms()).isZero();
        }
    }

    @Nested
    class Rates {

        @Test
        void onAStreamWithoutDriftEveryDetectionIsAFalseAlarm() {
            DetectionScore score = DetectionScore.of(List.of(100_000L, 400_000L, 900_000L), List.of(), 250_000,
                    1_000_000);

            assertThat(score.drifts()).isZero();
            assertThat(score.missedDetectionRate()).isZero();
            assertThat(score.falseAlarms()).isEqualTo(3);
            assertThat(score.falseAlarmsPer100k()).isEqualTo(0.3);
            assertThat(score.meanTimeBetweenFalseAlarms()).isEqualTo(1_000_000.0 / 3);
        }

        @Test
        void withoutTrueDetectionsOrFalseAlarmsTheMeansAreEmpty() {
            DetectionScore score = score();

            assertThat(score.meanDelay()).isNull();
            assertThat(score.meanTimeBetweenFalseAlarms()).isNull();
            assertThat(score.missed()).isEqualTo(3);
        }
    }

    @Test
    void overlappingWindowsAreRefusedWithTheLargestWindowThatFits() {
        assertThatThrownBy(() -> DetectionScore.of(List.of(), DRIFTS, 300_000, 1_000_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("make it at most 250000");
    }
}
