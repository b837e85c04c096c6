package dev.hatchery.scorer;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;

/**
 * How a member's {@link ModelHolder} follows the deployment pointer.
 *
 * @param reconcileMillis how often the holder compares what it serves with the pointer, to catch
 *                        listener events lost on failover
 * @param stagedVersions  how many of each model's newest registered versions every holder loads
 *                        and checks ahead of their publish, so that a publish is only a reference
 *                        flip; 0 turns staging off (each publish then loads first)
 * @param shadowRetentionMillis how long shadow predictions are kept: a shadow trial must be judged
 *                        within it (their labels must arrive, too), and a longer one holds more
 *                        of them in memory
 */
public record HolderSettings(long reconcileMillis, int stagedVersions, long shadowRetentionMillis) {

    public static final HolderSettings DEFAULTS = new HolderSettings(5_000, 3, Duration.ofDays(1).toMillis());

    private static final String USER_CONTEXT_KEY = HolderSettings.class.getName();

    public HolderSettings {
        if (reconcileMillis < 10) {
            throw new IllegalArgumentException("reconcileMillis must be 10 or more, got " + reconcileMillis);
        }
        if (stagedVersions < 0) {
            throw new IllegalArgumentException("stagedVersions must be 0 or more, got " + stagedVersions);
        }
        if (shadowRetentionMillis < 1_000) {
            throw new IllegalArgumentException("shadowRetentionMillis must be 1000 or more (map TTLs are whole"
                    + " seconds), got " + shadowRetentionMillis);
        }
    }

    /** With the default shadow retention. */
    public HolderSettings(long reconcileMillis, int stagedVersions) {
        this(reconcileMillis, stagedVersions, DEFAULTS.shadowRetentionMillis());
    }

    /**
     * Hands these settings to the holder of the member made from {@code config}. Through the
     * member's configuration, not a call after start, because a job may create the holder as
     * soon as the member joins.
     */
    public void applyTo(Config config) {
        config.getUserContext().put(USER_CONTEXT_KEY, this);
        ScorerMaps.retainShadowPredictions(config, shadowRetentionMillis);
    }

    static HolderSettings of(Config config) {
        return config.getUserContext().get(USER_CONTEXT_KEY) instanceof HolderSettings settings ? settings : DEFAULTS;
    }

    static HolderSettings of(HazelcastInstance hazelcast) {
        return hazelcast.getUserContext().get(USER_CONTEXT_KEY) instanceof HolderSettings settings ? settings : DEFAULTS;
    }
}
