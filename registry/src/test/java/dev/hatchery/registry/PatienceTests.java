package dev.hatchery.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PatienceTests {

    private static final Duration IDLE = Duration.ofSeconds(30);

    @Test
    void allowsAtLeastTheIdleTimeAndAtMostFourTimesIt() {
        assertThat(Patience.of(IDLE)).isBetween(IDLE, IDLE.multipliedBy(Patience.MOST_FOLD));
        assertThat(Patience.foldNow()).isBetween(1.0, (double) Patience.MOST_FOLD);
    }

    @Test
    void aDeadlineHasNotPassedAsItBeginsAndAllowsAtLeastTheIdleTime() {
        Patience patience = Patience.from(IDLE);
        assertThat(patience.passed()).isFalse();
        assertThat(patience.allowed()).isBetween(IDLE, IDLE.multipliedBy(Patience.MOST_FOLD));
    }

    @Test
    void aDeadlinePassesOnceItsTimeIsUp() throws InterruptedException {
        Patience patience = Patience.from(Duration.ofMillis(1));
        Thread.sleep(Patience.MOST_FOLD * 2);
        assertThat(patience.passed()).isTrue();
    }
}
