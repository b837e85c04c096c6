package dev.hatchery.ops.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@code --since}: a point in time, or how long ago. */
class SinceTextTests {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final SinceText since = new SinceText(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anIsoInstantIsThatInstant() {
        assertThat(since.convert("2025-05-31T23:30:00Z")).isEqualTo(Instant.parse("2025-05-31T23:30:00Z"));
        assertThat(since.convert(" 2025-05-31T23:30:00.250Z ")).isEqualTo(Instant.parse("2025-05-31T23:30:00.250Z"));
    }

    @Test
    void aDurationIsThatLongAgo() {
        assertThat(since.convert("10m")).isEqualTo(Instant.parse("2025-06-01T11:50:00Z"));
        assertThat(since.convert("2h")).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
        assertThat(since.convert("2d")).isEqualTo(Instant.parse("2025-05-30T12:00:00Z"));
        assertThat(since.convert("PT90S")).isEqualTo(Instant.parse("2025-06-01T11:58:30Z"));
    }

    @Test
    void anythingElseSaysWhatToWrite() {
        assertThatThrownBy(() -> since.convert("last tuesday")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'last tuesday' is neither a time nor a duration")
                .hasMessageContaining("2025-06-01T12:00:00Z").hasMessageContaining("30m");
    }
}
