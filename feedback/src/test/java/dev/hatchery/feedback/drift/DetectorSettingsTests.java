package dev.hatchery.feedback.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DetectorSettingsTests {

    @Nested
    class Defaults {

        @Test
        void existForEveryKindAndCarryItsName() {
            assertThat(DetectorSettings.KINDS).allSatisfy(kind ->
                    assertThat(DetectorSettings.defaults(kind).kind()).isEqualTo(kind));
        }

        @Test
        void makeTheDetectorOfTheirKind() {
            assertThat(DetectorSettings.KINDS.stream().map(kind -> DetectorSettings.defaults(kind).newDetector().name()))
                    .containsExactly("DDM", "EDDM", "ADWIN", "PH", "HDDM-A");
        }

        @Test
        void areThePapersValues() {
            assertThat(DetectorSettings.defaults("eddm")).isEqualTo(new EddmSettings(30, 0.95, 0.90));
            assertThat(DetectorSettings.defaults("adwin")).isEqualTo(new AdwinSettings(0.002, 5, 32));
            assertThat(DetectorSettings.defaults("page-hinkley")).isEqualTo(new PageHinkleySettings(30, 0.005, 50, 0.5, 1.0));
            assertThat(DetectorSettings.defaults("hddm-a")).isEqualTo(new HddmASettings(0.001, 0.005));
        }

        @Test
        void refuseAnUnknownKindNamingItAndTheKnownOnes() {
            assertThatThrownBy(() -> DetectorSettings.defaults("kswin"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown drift detector 'kswin': use one of ddm, eddm, adwin, page-hinkley, hddm-a");
        }
    }

    @Nested
    class Detectors {

        @ParameterizedTest
        @ValueSource(strings = {"ddm", "eddm", "adwin", "page-hinkley", "hddm-a"})
        void surviveASnapshotMidStream(String kind) throws Exception {
            DriftDetector original = DetectorSettings.defaults(kind).newDetector();
            Random random = new Random(21);
            for (int i = 0; i < 3_000; i++) {
                original.update(random.nextDouble() < 0.15);
            }
            DriftDetector restored = roundTrip(original);
            // After a restore from a Jet snapshot it must go on exactly as if nothing happened.
            for (int i = 0; i < 3_000; i++) {
                boolean error = random.nextDouble() < 0.3;
                assertThat(restored.update(error)).isEqualTo(original.update(error));
            }
            assertThat(restored.statistic()).isEqualTo(original.statistic());
            assertThat(restored.errorRate()).isEqualTo(original.errorRate());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ddm", "eddm", "adwin", "page-hinkley", "hddm-a"})
        void startAtZeroErrors(String kind) {
            DriftDetector detector = DetectorSettings.defaults(kind).newDetector();
            assertThat(detector.errorRate()).isZero();
            assertThat(detector.update(false)).isEqualTo(DetectorState.STABLE);
        }
    }

    private static DriftDetector roundTrip(DriftDetector detector) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(detector);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (DriftDetector) in.readObject();
        }
    }
}
