package dev.hatchery.registry;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Hands out the next number of a counter kept in an IMap entry (1 for a counter not there yet),
 * atomically on the partition that owns it: the CP Subsystem's atomic longs are Enterprise-only.
 * A model's version numbers and its MLflow outbox sequence are such counters.
 */
public record NextNumber() implements EntryProcessor<String, Long, Long> {

    @Override
    public Long process(Map.Entry<String, Long> entry) {
        long next = entry.getValue() == null ? 1 : entry.getValue() + 1;
        entry.setValue(next);
        return next;
    }
}
