package dev.hatchery.bench.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hatchery.feedback.drift.DetectorState;
import dev.hatchery.feedback.drift.DriftDetector;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrainingRunTests {

    /** Signals a drift on every outcome it is fed, and counts its resets. */
    private static final class AlwaysDrift implements DriftDetector {

        int updates;
        int resets;

        @Override
        public DetectorState update(boolean error) {
            updates++;
            return DetectorState.DRIFT;
        }

        @Override
        public void reset() {
            resets++;
        }

        @Override
        public double errorRate() {
            return 0;
        }

        @Override
        public String name() {
            return "always";
        }

        @Override
        public double statistic() {
            return 0;
        }
    }

    @Test
    void theDetectorIsPausedWhileTheNextTrainingRowsAreCollected() {
        BenchStream stream = BenchStream.all(4_000).getFirst();
        AlwaysDrift detector = new AlwaysDrift();

        List<Long> detections = new RetrainingRun(stream, 500).detections(detector);

        // Rows 1-500 train the first model; row 501 is the first fed, and each detection
        // pauses the detector for the 500 rows the next model trains on.
        assertThat(detections).containsExactly(501L, 1_002L, 1_503L, 2_004L, 2_505L, 3_006L, 3_507L);
        assertThat(detector.updates).isEqualTo(detections.size());
    }

    @Test
    void theStreamsAreTheFiveNamedOnesWithDriftsStartingHalfAWidthBeforeTheirCentres() {
        List<BenchStream> small = BenchStream.all(40_000);

        assertThat(small).extracting(BenchStream::name).containsExactly("sea-abrupt", "sea-gradual",
                "agrawal-abrupt", "agrawal-gradual", "no-drift", "no-drift");
        assertThat(small.get(0).driftStarts()).containsExactly(9_975L, 19_975L, 29_975L);
        // 50,000 per million rows: 2,000 wide here, so each starts 1,000 before its centre.
        assertThat(small.get(1).driftStarts()).containsExactly(9_000L, 19_000L, 29_000L);
        assertThat(small.get(4).driftStarts()).isEmpty();
        assertThat(small).allSatisfy(s -> assertThat(s.y()).hasSize(40_000));
    }
}
