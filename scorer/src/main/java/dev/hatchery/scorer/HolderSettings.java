package dev.hatchery.scorer;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;

/**
 * How a member's {@link ModelHolder} follows the deployment pointer.
 *
 * @param reconcileMillis how often the holder compares what it serves with the pointer, to catch
 *                        listener events lost on failover
 * @param stagedVersions  how many of each model's newest registered versions every holder loads
 *                        and checks ahead of their publish, so that a publish is only a reference
 *                        flip; 0 turns staging off (each publish then loads first)
 */
public record HolderSettings(long reconcileMillis, int stagedVersions) {

    public static final HolderSettings DEFAULTS = new HolderSettings(5_000, 3);

    private static final String USER_CONTEXT_KEY = HolderSettings.class.getName();

    public HolderSettings {
        if (reconcileMillis < 10) {
            throw new IllegalArgumentException("reconcileMillis must be 10 or more, got " + reconcileMillis);
        }
        if (stagedVersions < 0) {
            throw new IllegalArgumentException("stagedVersions must be 0 or more, got " + stagedVersions);
        }
    }

    /**
     * Hands these settings to the holder of the member made from {@code config}. Through the
     * member's configuration, not a call after start, because a job may create the holder as
     * soon as the member joins.
     */
    public void applyTo(Config config) {
        config.getUserContext().put(USER_CONTEXT_KEY, this);
    }

    static HolderSettings of(HazelcastInstance hazelcast) {
        return hazelcast.getUserContext().get(USER_CONTEXT_KEY) instanceof HolderSettings settings ? settings : DEFAULTS;
    }
}
