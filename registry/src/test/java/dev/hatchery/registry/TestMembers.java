package dev.hatchery.registry;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Real Hazelcast members for every module's tests: loopback only, a cluster name no other test
 * uses, Jet on, the registry's maps configured. Shared through this module's test jar.
 */
public final class TestMembers {

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
        join.getTcpIpConfig().setEnabled(joins).addMember("127.0.0.1");
        config.getJetConfig().setEnabled(true);
        RegistryMaps.configure(config);
        configure.accept(config);
        return config;
    }
}
