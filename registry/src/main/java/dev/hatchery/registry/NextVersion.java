package dev.hatchery.registry;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** Hands out a model's next version number, atomically on the owning partition. */
record NextVersion() implements EntryProcessor<String, Integer, Integer> {

    @Override
    public Integer process(Map.Entry<String, Integer> entry) {
        int next = entry.getValue() == null ? 1 : entry.getValue() + 1;
        entry.setValue(next);
        return next;
    }
}
