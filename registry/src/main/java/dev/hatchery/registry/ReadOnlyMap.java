package dev.hatchery.registry;

import com.hazelcast.aggregation.Aggregator;
import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projection;
import com.hazelcast.map.listener.MapListener;
import com.hazelcast.query.Predicate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a module other than a map's owner may do with it: read and query. A module writes only
 * its own maps; others change them through the owner's API (DESIGN: a module owns its maps),
 * and an {@code IMap} handed across a module boundary would let anyone write. The
 * architecture test in {@code ops} keeps it so.
 */
public final class ReadOnlyMap<K, V> {

    private final IMap<K, V> map;

    private ReadOnlyMap(IMap<K, V> map) {
        this.map = map;
    }

    public static <K, V> ReadOnlyMap<K, V> of(IMap<K, V> map) {
        return new ReadOnlyMap<>(map);
    }

    public String name() {
        return map.getName();
    }

    public @Nullable V get(K key) {
        return map.get(key);
    }

    public Map<K, V> getAll(Set<K> keys) {
        return map.getAll(keys);
    }

    public boolean containsKey(K key) {
        return map.containsKey(key);
    }

    public int size() {
        return map.size();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    public Set<K> keySet() {
        return map.keySet();
    }

    public Set<K> keySet(Predicate<K, V> predicate) {
        return map.keySet(predicate);
    }

    public Collection<V> values() {
        return map.values();
    }

    public Collection<V> values(Predicate<K, V> predicate) {
        return map.values(predicate);
    }

    public Set<Map.Entry<K, V>> entrySet() {
        return map.entrySet();
    }

    public Set<Map.Entry<K, V>> entrySet(Predicate<K, V> predicate) {
        return map.entrySet(predicate);
    }

    /** Listens to the map's changes (a listener cannot change the map); see {@link IMap#addEntryListener}. */
    public UUID addEntryListener(MapListener listener, boolean includeValue) {
        return map.addEntryListener(listener, includeValue);
    }

    public boolean removeEntryListener(UUID registration) {
        return map.removeEntryListener(registration);
    }

    public <R> R aggregate(Aggregator<? super Map.Entry<K, V>, R> aggregator) {
        return map.aggregate(aggregator);
    }

    public <R> R aggregate(Aggregator<? super Map.Entry<K, V>, R> aggregator, Predicate<K, V> predicate) {
        return map.aggregate(aggregator, predicate);
    }

    public <R> Collection<R> project(Projection<? super Map.Entry<K, V>, R> projection, Predicate<K, V> predicate) {
        return map.project(projection, predicate);
    }
}
