package dev.hatchery.ops.command;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig.ReconnectMode;
import com.hazelcast.client.config.RoutingMode;
import com.hazelcast.client.properties.ClientProperty;
import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.ops.Hatchery;
import dev.hatchery.ops.config.HatcheryConfig;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.registry.RegistryMaps;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.trainer.TrainerMaps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where the cluster is and how long to wait for it: {@code --cluster} or the configuration's
 * member list, the cluster name from the configuration, and {@code --timeout}. Shared by every
 * operator command as a picocli mixin.
 */
public final class ConnectionOptions {

    /** Where each command's Hazelcast instance comes from. */
    private sealed interface Source {
        /** A client of the command's own, shut down when it ends: what {@code ./hatchery} does. */
        record NewClient() implements Source {}

        /** An instance lent to every command, which they leave connected. */
        record Lent(HazelcastInstance hazelcast) implements Source {}
    }

    private final Source source;

    @Option(names = "--cluster", paramLabel = "HOST:PORT[,...]", split = ",",
            description = "members to connect to (default: cluster.members of the configuration)")
    @Nullable List<String> cluster;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration: the cluster's name and members, the trainer's policies")
    @Nullable Path config;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "how long to wait for the cluster to answer (default: ${DEFAULT-VALUE} s)")
    int timeoutSeconds;

    /** Options that connect each command with a client of its own, as {@code ./hatchery} does. */
    public ConnectionOptions() {
        this(new Source.NewClient());
    }

    private ConnectionOptions(Source source) {
        this.source = source;
    }

    /**
     * Options that run each command against {@code hazelcast} (a client or a member) rather than
     * a new client: {@code --cluster} and the configuration's cluster name and members are not
     * used then, and closing the command's {@link OperatorClient} leaves {@code hazelcast}
     * connected. For a program (or a test) that runs many commands against one cluster.
     */
    public static ConnectionOptions lending(HazelcastInstance hazelcast) {
        return new ConnectionOptions(new Source.Lent(hazelcast));
    }

    /** The configuration named by {@code --config}, or the defaults. */
    public HatcheryConfig config() {
        return Hatchery.config(config);
    }

    /** {@code --timeout}. */
    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** Connects, or fails within the timeout with {@link ExitCode#CLUSTER_UNREACHABLE}. */
    public OperatorClient connect(String actor) {
        return connect(actor, ConnectionOptions::clientConfig);
    }

    /** As {@link #connect}, with a client that rides out a member's loss ({@link #writerConfig}). */
    public OperatorClient connectWriter(String actor) {
        return connect(actor, ConnectionOptions::writerConfig);
    }

    private OperatorClient connect(String actor, ClientSettings clientFn) {
        HatcheryConfig settings = config();
        List<String> addresses = cluster == null || cluster.isEmpty() ? settings.cluster().members() : cluster;
        if (timeoutSeconds < 1) {
            throw new CommandFailure(ExitCode.USAGE, "--timeout must be 1 second or more, got " + timeoutSeconds);
        }
        return switch (source) {
            case Source.Lent(HazelcastInstance lent) -> new OperatorClient(lent, settings, actor, () -> { });
            case Source.NewClient() -> {
                ClientConfig client = clientFn.of(settings.cluster().name(), addresses, timeoutSeconds * 1_000L);
                HazelcastInstance hazelcast;
                try {
                    hazelcast = HazelcastClient.newHazelcastClient(client);
                } catch (IllegalStateException e) {
                    throw new CommandFailure(ExitCode.CLUSTER_UNREACHABLE, "no member of cluster '"
                            + settings.cluster().name() + "' at " + addresses + " answered within " + timeoutSeconds
                            + " s: start one with './hatchery node --config FILE', or pass --cluster HOST:PORT and"
                            + " the --config naming its cluster.name", e);
                }
                yield new OperatorClient(hazelcast, settings, actor, hazelcast::shutdown);
            }
        };
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
        TrainerMaps.addSerializers(client.getSerializationConfig());
        return client;
    }

    /**
     * As {@link #clientConfig}, for a command that streams writes for as long as the file lasts
     * ({@code replay}) and so must outlast a member's loss. The client keeps a connection to every
     * member (all-members routing), so losing one leaves it connected to the others; losing them
     * all, it reconnects (mode ON: writes wait meanwhile rather than fail at once) for {@code
     * timeoutMillis}, then shuts down. A write waits at most {@code timeoutMillis} for its answer
     * (Hazelcast's default is two minutes). A write cut off by a lost connection is not redone by
     * the client (redo off): the command does it itself, bounded, and counts it.
     */
    static ClientConfig writerConfig(String clusterName, List<String> addresses, long timeoutMillis) {
        ClientConfig client = clientConfig(clusterName, addresses, timeoutMillis);
        client.getConnectionStrategyConfig().setAsyncStart(false).setReconnectMode(ReconnectMode.ON);
        client.getNetworkConfig().setRedoOperation(false).getClusterRoutingConfig()
                .setRoutingMode(RoutingMode.ALL_MEMBERS);
        client.setProperty(ClientProperty.INVOCATION_TIMEOUT_SECONDS.getName(),
                String.valueOf(Math.max(1, timeoutMillis / 1_000)));
        return client;
    }

    /** How a client is set up for a cluster name, its members and a timeout. */
    @FunctionalInterface
    private interface ClientSettings {
        ClientConfig of(String clusterName, List<String> addresses, long timeoutMillis);
    }
}
