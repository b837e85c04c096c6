package dev.hatchery.registry;

/** The time-to-live of a map's entries, which Hazelcast takes in whole seconds. */
public final class MapTtl {

    private MapTtl() {
    }

    /**
     * {@code millis} as whole seconds, rounded up so that nothing goes before its time, and at
     * least one (Hazelcast reads 0 as "forever").
     */
    public static int seconds(long millis) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceilDiv(millis, 1_000L)));
    }
}
