package dev.hatchery.scorer.online;

/**
 * How long a replica's lock was held and waited for since the replica started: by the applier
 * (one hold per batch of entries, bounded by {@link ApplierSettings#maxHoldMicros} plus one
 * entry's learning), by scorers (one hold per batch of rows), and how long scorers waited to get it.
 * Percentiles are the upper ends of buckets at most 25% wide.
 */
public record LockTimes(Times applierHolds, Times scorerHolds, Times scorerWaits) {

    /** Samples, their mean, median, 99th percentile and largest, in nanoseconds. */
    public record Times(long count, long meanNanos, long p50Nanos, long p99Nanos, long maxNanos) {

        @Override
        public String toString() {
            return count + " × mean " + micros(meanNanos) + ", p50 " + micros(p50Nanos) + ", p99 " + micros(p99Nanos)
                    + ", max " + micros(maxNanos);
        }

        private static String micros(long nanos) {
            return String.format(java.util.Locale.ROOT, "%.1f µs", nanos / 1_000.0);
        }
    }

    @Override
    public String toString() {
        return "applier holds " + applierHolds + "; scorer holds " + scorerHolds + "; scorer waits " + scorerWaits;
    }
}
