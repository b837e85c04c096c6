package dev.hatchery.registry;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Real Hazelcast members for every module's tests: loopback only, a cluster name no other test
 * uses, Jet on, the registry's maps configured. Shared through this module's test jar.
 */
public final class TestMembers {

    /** Ports each cluster's members may take, from its first member's port on. */
    private static final int PORTS_PER_CLUSTER = 10;
    private static final Map<String, Integer> FIRST_PORTS = new ConcurrentHashMap<>();

    /**
     * Each cluster's ports start at a point in 20000–32000, below every usual ephemeral range
     * (Linux 32768–60999, macOS and Windows 49152–65535). In an ephemeral range, a dead member's
     * port can become the local port of a survivor's own reconnect attempt: the socket then
     * connects to itself, and Hazelcast, having heard its own handshake on that address, fails
     * every later call to the dead member with "Connecting to self!".
     */
    private static final int LOWEST_PORT = 20_000;
    private static final int HIGHEST_PORT = 32_000;
    private static final int RANGES = (HIGHEST_PORT - LOWEST_PORT) / PORTS_PER_CLUSTER;
    /** A random start, so that test JVMs running at once mostly take different ranges. */
    private static final AtomicInteger NEXT_PORT = new AtomicInteger(
            LOWEST_PORT + ThreadLocalRandom.current().nextInt(RANGES) * PORTS_PER_CLUSTER);

    private TestMembers() {
    }

    /** A member alone in its cluster; {@code configure} adds the maps of the module under test. */
    public static HazelcastInstance standalone(Consumer<Config> configure) {
        return Hazelcast.newHazelcastInstance(config(newClusterName(), false, configure));
    }

    /** A name no other test's cluster has, for {@link #member}. */
    public static String newClusterName() {
        return "hatchery-test-" + UUID.randomUUID();
    }

    /**
     * A member of the named cluster, joining the others over TCP/IP on loopback. Start the
     * members of one cluster one after another, not at once, so each finds the ones before it.
     */
    public static HazelcastInstance member(String clusterName, Consumer<Config> configure) {
        return Hazelcast.newHazelcastInstance(config(clusterName, true, configure));
    }

    private static int freePort() {
        for (int tries = 0; tries < RANGES; tries++) {
            int first = NEXT_PORT.getAndUpdate(port -> port + PORTS_PER_CLUSTER >= HIGHEST_PORT ? LOWEST_PORT : port + PORTS_PER_CLUSTER);
            // Other builds on this machine may hold some: a member skips those, but the first must be free.
            try (ServerSocket socket = new ServerSocket(first, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try the next range
            }
        }
        throw new IllegalStateException("no free port on loopback between " + LOWEST_PORT + " and " + HIGHEST_PORT);
    }

    private static Config config(String clusterName, boolean joins, Consumer<Config> configure) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // Members of a test cluster start one after another: no need to wait for others to show up.
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.getNetworkConfig().setPortAutoIncrement(true).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (joins) {
            // Not Hazelcast's 5701-5703: members of other test runs on this machine (other
            // builds, other JVMs) may hold those, and this cluster's members would not find each other.
            int first = FIRST_PORTS.computeIfAbsent(clusterName, name -> freePort());
            config.getNetworkConfig().setPort(first).setPortCount(PORTS_PER_CLUSTER);
            // A member without a port is looked for on the configured port and the next ones.
            config.setProperty("hazelcast.tcp.join.port.try.count", String.valueOf(PORTS_PER_CLUSTER));
            join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        }
        config.getJetConfig().setEnabled(true);
        RegistryMaps.configure(config);
        configure.accept(config);
        return config;
    }
}
