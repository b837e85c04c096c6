package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A job that keeps failing is resumed less and less often. */
class JobWatchBackoffTests {

    @Test
    void isResumedLessAndLessOftenUpToAMinuteApart() {
        JobWatch.Backoff backoff = new JobWatch.Backoff();
        long now = 1_000_000;
        long[] delays = new long[9];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = backoff.resumed(now);
            now += delays[i];
        }
        assertThat(delays).containsExactly(1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000);
        assertThat(backoff.nextResumeMillis).isEqualTo(now);
    }

    @Test
    void startsOverAfterAQuietSpell() {
        JobWatch.Backoff backoff = new JobWatch.Backoff();
        backoff.resumed(0);
        backoff.resumed(1_000);
        assertThat(backoff.resumed(1_000 + 2 * JobWatch.LONGEST_DELAY_MILLIS + 1)).isEqualTo(1_000);
    }
}
