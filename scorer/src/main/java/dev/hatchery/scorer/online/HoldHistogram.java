package dev.hatchery.scorer.online;

/**
 * Durations in nanoseconds, counted in buckets four to a power of two (each at most 25% wide):
 * enough to say how long a lock is held, at a cost of a few operations per sample. Not
 * thread-safe: recorded and read under the replica's lock.
 */
final class HoldHistogram {

    private static final int BUCKETS = 4 + 61 * 4;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long totalNanos;
    private long maxNanos;

    void record(long nanos) {
        long n = Math.max(0, nanos);
        counts[bucket(n)]++;
        count++;
        totalNanos += n;
        maxNanos = Math.max(maxNanos, n);
    }

    LockTimes.Times times() {
        return new LockTimes.Times(count, count == 0 ? 0 : totalNanos / count, percentile(0.5), percentile(0.99),
                maxNanos);
    }

    /** The upper end of the bucket holding the sample of that rank, at most the largest sample. */
    private long percentile(double fraction) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * count));
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return Math.min(upper(b), maxNanos);
            }
        }
        return maxNanos;
    }

    static int bucket(long nanos) {
        if (nanos < 4) {
            return (int) nanos;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(nanos);
        int sub = (int) (nanos >>> (exponent - 2)) - 4;
        return 4 + (exponent - 2) * 4 + sub;
    }

    static long upper(int bucket) {
        if (bucket < 4) {
            return bucket;
        }
        int exponent = (bucket - 4) / 4 + 2;
        int sub = (bucket - 4) % 4;
        long upper = ((4L + sub + 1) << (exponent - 2)) - 1;
        return upper < 0 ? Long.MAX_VALUE : upper;
    }
}
