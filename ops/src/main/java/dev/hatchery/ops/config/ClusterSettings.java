package dev.hatchery.ops.config;

import java.util.List;

/**
 * @param name    cluster name; members only join a cluster of the same name
 * @param host    the interface this member binds to
 * @param port    the first port tried; the next free one is taken if it is busy
 * @param members the addresses ({@code host} or {@code host:port}) to join over TCP/IP
 */
public record ClusterSettings(String name, String host, int port, List<String> members) {

    public static final ClusterSettings DEFAULTS = new ClusterSettings("hatchery", "127.0.0.1", 5701, List.of("127.0.0.1"));

    public ClusterSettings {
        members = List.copyOf(members);
    }
}
