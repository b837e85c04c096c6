package dev.hatchery.scorer;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.registry.RegistryMaps;
import java.util.UUID;

/** Real Hazelcast members for tests: loopback only, a cluster of their own, Jet on. */
final class TestMembers {

    private TestMembers() {
    }

    static HazelcastInstance standalone() {
        Config config = new Config().setClusterName("scorer-test-" + UUID.randomUUID());
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
        ScorerMaps.configure(config, 1_000_000);
        return Hazelcast.newHazelcastInstance(config);
    }
}
