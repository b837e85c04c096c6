package dev.hatchery.registry;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Real Hazelcast members for every module's tests: loopback only, a cluster of their own
 * (no join), Jet on, the registry's maps configured. Shared through this module's test jar.
 */
public final class TestMembers {

    private TestMembers() {
    }

    /** A member alone in its cluster; {@code configure} adds the maps of the module under test. */
    public static HazelcastInstance standalone(Consumer<Config> configure) {
        Config config = new Config().setClusterName("hatchery-test-" + UUID.randomUUID());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.getNetworkConfig().setPortAutoIncrement(true).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        config.getJetConfig().setEnabled(true);
        RegistryMaps.configure(config);
        configure.accept(config);
        return Hazelcast.newHazelcastInstance(config);
    }
}
