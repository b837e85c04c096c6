package dev.hatchery.scorer.online;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HoldHistogramTests {

    @Test
    void everyDurationFallsInABucketWhoseUpperEndIsAtMostAQuarterAbove() {
        for (long nanos : new long[] {0, 1, 3, 4, 5, 7, 8, 9, 1_000, 1_023, 1_024, 123_456_789, Long.MAX_VALUE / 3}) {
            int bucket = HoldHistogram.bucket(nanos);
            assertThat(HoldHistogram.upper(bucket)).as("%d", nanos).isGreaterThanOrEqualTo(nanos)
                    .isLessThanOrEqualTo(nanos + nanos / 4 + 1);
            assertThat(bucket == 0 || HoldHistogram.upper(bucket - 1) < nanos).as("%d", nanos).isTrue();
        }
    }

    @Test
    void percentilesAreTheUpperEndsOfTheirBuckets() {
        HoldHistogram histogram = new HoldHistogram();
        for (int i = 1; i <= 100; i++) {
            histogram.record(i * 1_000L);
        }

        LockTimes.Times times = histogram.times();
        assertThat(times.count()).isEqualTo(100);
        assertThat(times.meanNanos()).isEqualTo(50_500);
        assertThat(times.p50Nanos()).isBetween(50_000L, 62_500L);
        assertThat(times.p99Nanos()).isBetween(99_000L, 100_000L);
        assertThat(times.maxNanos()).isEqualTo(100_000);
    }
}
