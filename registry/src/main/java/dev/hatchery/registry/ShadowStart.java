package dev.hatchery.registry;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Sets a model's shadow pointer unless one is already set, in one atomic step on the partition
 * that owns it. Returns the new {@link Shadow}, or a {@link String} saying why nothing changed.
 * It carries its own timestamp so the backup replica stores the very same entry, and plain
 * fields because it travels by Java serialization.
 */
record ShadowStart(int version, long atMillis, String by, String reason)
        implements EntryProcessor<String, Shadow, Object> {

    @Override
    public Object process(Map.Entry<String, Shadow> entry) {
        Shadow current = entry.getValue();
        String model = entry.getKey();
        if (current != null) {
            return "model '" + model + "' already shadows v" + current.version() + " (since "
                    + current.startedAtMillis() + ", by " + current.by() + "): end that shadow first, then start v"
                    + version;
        }
        Shadow shadow = new Shadow(model, version, atMillis, by, reason);
        entry.setValue(shadow);
        return shadow;
    }
}
