package dev.hatchery.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MapTtlTests {

    @Test
    void roundsUpToWholeSecondsSoThatNothingGoesBeforeItsTime() {
        assertThat(MapTtl.seconds(1_000)).isEqualTo(1);
        assertThat(MapTtl.seconds(1_001)).isEqualTo(2);
        assertThat(MapTtl.seconds(600_000)).isEqualTo(600);
    }

    @Test
    void isNeverZeroWhichHazelcastReadsAsForeverNorOverflows() {
        assertThat(MapTtl.seconds(0)).isEqualTo(1);
        assertThat(MapTtl.seconds(1)).isEqualTo(1);
        assertThat(MapTtl.seconds(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }
}
