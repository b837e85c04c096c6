package dev.hatchery.ops.config;

import java.util.List;

/**
 * @param name       cluster name; members only join a cluster of the same name
 * @param host       the interface this member binds to
 * @param port       the first port tried; the next free one is taken if it is busy
 * @param members    the addresses ({@code host} or {@code host:port}) to join over TCP/IP
 * @param partitions Hazelcast's partition count, the same on every member (a member with
 *                   another count cannot join: change it with a restart of the whole cluster). Fewer than
 *                   Hazelcast's 271 by default: each of the jobs' snapshots and journal reads
 *                   visits every partition, and with 71 an idle member's scoring-job snapshot
 *                   took 30–90 ms instead of 100–280 ms, which cut the p99 of event → prediction
 *                   at 20 events/s from 245–303 ms to 95–107 ms (one member, this 2-core
 *                   machine). 71 still gives each of up to about seven members ten
 *                   partitions or more, for an even spread; larger clusters set more.
 */
public record ClusterSettings(String name, String host, int port, List<String> members, int partitions) {

    public static final int DEFAULT_PARTITIONS = 71;
    public static final ClusterSettings DEFAULTS = new ClusterSettings("hatchery", "127.0.0.1", 5701, List.of("127.0.0.1"));

    public ClusterSettings {
        members = List.copyOf(members);
        if (partitions < 1) {
            throw new IllegalArgumentException("cluster.partitions must be 1 or more, got " + partitions);
        }
    }

    public ClusterSettings(String name, String host, int port, List<String> members) {
        this(name, host, port, members, DEFAULT_PARTITIONS);
    }
}
