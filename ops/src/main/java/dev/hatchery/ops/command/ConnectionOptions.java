package dev.hatchery.ops.command;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.ops.Hatchery;
import dev.hatchery.ops.config.HatcheryConfig;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.registry.RegistryMaps;
import dev.hatchery.scorer.ScorerMaps;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where the cluster is and how long to wait for it: {@code --cluster} or the configuration's
 * member list, the cluster name from the configuration, and {@code --timeout}. Shared by every
 * operator command as a picocli mixin.
 */
public final class ConnectionOptions {

    @Option(names = "--cluster", paramLabel = "HOST:PORT[,...]", split = ",",
            description = "members to connect to (default: cluster.members of the configuration)")
    @Nullable List<String> cluster;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration: the cluster's name and members, the trainer's policies")
    @Nullable Path config;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "how long to wait for the cluster to answer (default: ${DEFAULT-VALUE} s)")
    int timeoutSeconds;

    /** The configuration named by {@code --config}, or the defaults. */
    public HatcheryConfig config() {
        return Hatchery.config(config);
    }

    /** Connects, or fails within the timeout with {@link ExitCode#CLUSTER_UNREACHABLE}. */
    public OperatorClient connect(String actor) {
        HatcheryConfig settings = config();
        List<String> addresses = cluster == null || cluster.isEmpty() ? settings.cluster().members() : cluster;
        if (timeoutSeconds < 1) {
            throw new CommandFailure(ExitCode.USAGE, "--timeout must be 1 second or more, got " + timeoutSeconds);
        }
        ClientConfig client = clientConfig(settings.cluster().name(), addresses, timeoutSeconds * 1_000L);
        HazelcastInstance hazelcast;
        try {
            hazelcast = HazelcastClient.newHazelcastClient(client);
        } catch (IllegalStateException e) {
            throw new CommandFailure(ExitCode.CLUSTER_UNREACHABLE, "no member of cluster '" + settings.cluster().name()
                    + "' at " + addresses + " answered within " + timeoutSeconds + " s: start one with"
                    + " './hatchery node --config FILE', or pass --cluster HOST:PORT and the --config naming its"
                    + " cluster.name", e);
        }
        return new OperatorClient(hazelcast, settings, actor);
    }

    /** A client with Hatchery's serializers that gives up on the cluster after {@code timeoutMillis}. */
    static ClientConfig clientConfig(String clusterName, List<String> addresses, long timeoutMillis) {
        ClientConfig client = new ClientConfig().setClusterName(clusterName);
        client.setInstanceName("hatchery-operator-" + Long.toHexString(System.nanoTime()));
        // An operator wants the command's one line, not the client's retries: a failure to connect
        // is reported by the command itself.
        client.setProperty("hazelcast.logging.type", "none");
        client.setProperty("hazelcast.phone.home.enabled", "false");
        client.getNetworkConfig().setAddresses(addresses).setConnectionTimeout((int) Math.min(timeoutMillis, 5_000));
        client.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(timeoutMillis)
                .setInitialBackoffMillis(100)
                .setMaxBackoffMillis(1_000);
        RegistryMaps.addSerializers(client.getSerializationConfig());
        ScorerMaps.addSerializers(client.getSerializationConfig());
        FeedbackMaps.addSerializers(client.getSerializationConfig());
        return client;
    }
}
