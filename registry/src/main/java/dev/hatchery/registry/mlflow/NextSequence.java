package dev.hatchery.registry.mlflow;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** The next number of a model's outbox sequence, taken atomically on the partition that owns it. */
record NextSequence() implements EntryProcessor<String, Long, Long> {
    @Override
    public Long process(Map.Entry<String, Long> entry) {
        long next = entry.getValue() == null ? 1 : entry.getValue() + 1;
        entry.setValue(next);
        return next;
    }
}
