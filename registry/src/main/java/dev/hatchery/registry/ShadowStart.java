package dev.hatchery.registry;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Sets a model's shadow pointer unless one is already set, in one atomic step on the partition
 * that owns it. Returns the new {@link Shadow}, or a {@link String} saying why nothing changed.
 * The shadow is built by the caller so the backup replica stores the very same entry.
 */
record ShadowStart(Shadow shadow) implements EntryProcessor<String, Shadow, Object> {

    @Override
    public Object process(Map.Entry<String, Shadow> entry) {
        Shadow current = entry.getValue();
        if (current != null) {
            return "model '" + shadow.model() + "' already shadows v" + current.version() + " (since "
                    + current.startedAtMillis() + ", by " + current.by() + "): end that shadow first, then start v"
                    + shadow.version();
        }
        entry.setValue(shadow);
        return shadow;
    }
}
