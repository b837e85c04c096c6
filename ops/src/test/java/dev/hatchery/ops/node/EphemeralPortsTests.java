package dev.hatchery.ops.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EphemeralPortsTests {

    @TempDir
    Path dir;

    @Test
    void readsTheRangeAsLinuxWritesIt() throws IOException {
        Path file = Files.writeString(dir.resolve("ip_local_port_range"), "32768\t60999\n");

        EphemeralPorts range = EphemeralPorts.read(file).orElseThrow();

        assertThat(range).isEqualTo(new EphemeralPorts(32_768, 60_999));
        assertThat(range.holds(39_727)).isTrue();
        assertThat(range.holds(32_768)).isTrue();
        assertThat(range.holds(60_999)).isTrue();
        assertThat(range.holds(5_701)).isFalse();
        assertThat(range.holds(61_000)).isFalse();
    }

    @Test
    void aMissingOrUnreadableFileGivesNoRange() throws IOException {
        assertThat(EphemeralPorts.read(dir.resolve("absent"))).isEmpty();
        assertThat(EphemeralPorts.read(Files.writeString(dir.resolve("words"), "low high\n"))).isEmpty();
        assertThat(EphemeralPorts.read(Files.writeString(dir.resolve("one"), "32768\n"))).isEmpty();
        assertThat(EphemeralPorts.read(Files.writeString(dir.resolve("reversed"), "60999 32768\n"))).isEmpty();
    }

    @Test
    void refusesWhatIsNotAPortRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EphemeralPorts(0, 100));
        assertThatIllegalArgumentException().isThrownBy(() -> new EphemeralPorts(100, 70_000));
    }
}
