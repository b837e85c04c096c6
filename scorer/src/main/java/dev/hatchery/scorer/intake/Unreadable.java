package dev.hatchery.scorer.intake;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.impl.HeapData;
import com.hazelcast.jet.pipeline.Sink;
import com.hazelcast.jet.pipeline.SinkBuilder;
import java.io.Serializable;

/**
 * A value in one of Hatchery's input maps that is not the record that map holds. It is kept in
 * a dead letter with {@link #reason} and {@link #payload}, and removed from the map, where it
 * would fail every SQL query over it ("type mismatch" for every client), unless a producer has
 * written another value under the key since.
 *
 * @param map      the map it was written into
 * @param key      its key, as text
 * @param model    the model it names, or "" if none could be read
 * @param reason   what it is and what was expected, in words a producer can act on
 * @param payload  the value as far as it could be rendered (its type, its fields or its JSON)
 * @param keyBytes   the key as stored, to remove exactly this entry
 * @param valueBytes the value as stored, to remove it only if it is still there
 */
public record Unreadable(String map, String key, String model, String reason, String payload, byte[] keyBytes,
        byte[] valueBytes) implements Serializable {

    /**
     * Removes this value from its map if it is still there. Compared as bytes and removed without
     * being read: a value that cannot be deserialized cannot be removed through one that is.
     *
     * @return whether it was removed (false: gone already, or replaced by a producer since)
     */
    public boolean removeFrom(HazelcastInstance hazelcast) {
        return hazelcast.getMap(map).remove(new HeapData(keyBytes), new HeapData(valueBytes));
    }

    /**
     * A sink that removes every unreadable value it receives from its map. Blocking (one
     * removal at a time): poison is rare, and a removal it could not make is tried again when
     * the job replays the put after a restore.
     */
    public static Sink<Unreadable> removal() {
        return SinkBuilder.sinkBuilder("remove unreadable values", context -> context.hazelcastInstance())
                .<Unreadable>receiveFn((hazelcast, unreadable) -> unreadable.removeFrom(hazelcast))
                .build();
    }
}
