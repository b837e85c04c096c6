package dev.hatchery.ops.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.FeedbackPipeline;
import dev.hatchery.ops.config.HatcheryConfig;
import dev.hatchery.registry.RegistryMaps;
import dev.hatchery.registry.mlflow.MlflowMirror;
import dev.hatchery.scorer.JobWatch;
import dev.hatchery.scorer.ModelHolder;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ScoringPipeline;
import dev.hatchery.trainer.Trainer;
import dev.hatchery.trainer.TrainerMaps;
import dev.hatchery.trainer.TrainerSchedule;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running member of a Hatchery cluster. */
public final class HatcheryNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HatcheryNode.class);
    /** The streaming jobs every cluster of nodes runs, watched by each node. */
    public static final List<String> JOB_NAMES = List.of(ScoringPipeline.JOB_NAME, FeedbackPipeline.JOB_NAME);

    private final HatcheryConfig config;
    private final HazelcastInstance hazelcast;
    private final Trainer trainer;
    private final Optional<MlflowMirror> mirror;
    private @Nullable TrainerSchedule schedule;
    private @Nullable JobWatch jobWatch;

    private HatcheryNode(HatcheryConfig config, HazelcastInstance hazelcast) {
        this.config = config;
        this.hazelcast = hazelcast;
        this.trainer = Trainer.on(hazelcast, config.trainer());
        this.mirror = MlflowMirror.start(hazelcast, config.mlflow());
    }

    /**
     * Starts the member, joins the configured cluster, creates the SQL mappings and starts
     * this member's model holder and, if configured, its part of the MLflow mirror. The jobs and
     * the schedule start with {@link #startLoop()}.
     */
    public static HatcheryNode start(HatcheryConfig config) {
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(memberConfig(config));
        try {
            RegistryMaps.createSqlMappings(hazelcast);
            ScorerMaps.createSqlMappings(hazelcast);
            FeedbackMaps.createSqlMappings(hazelcast);
            TrainerMaps.createSqlMappings(hazelcast);
            ModelHolder.of(hazelcast);
            warnOnEphemeralPort(hazelcast.getCluster().getLocalMember().getAddress().getPort());
            return new HatcheryNode(config, hazelcast);
        } catch (RuntimeException e) {
            hazelcast.shutdown();
            throw e;
        }
    }

    private static void warnOnEphemeralPort(int port) {
        EphemeralPorts.read(EphemeralPorts.LINUX).filter(range -> range.holds(port)).ifPresent(range -> LOG.warn(
                "This member listens on port {}, inside this machine's ephemeral ports ({}–{}): when another member on "
                        + "this host dies, reconnecting to it can connect this member to itself and fail its calls "
                        + "with \"Connecting to self!\". Set cluster.port below {}.",
                port, range.lowest(), range.highest(), range.lowest()));
    }

    /**
     * Submits the scoring and feedback jobs (once per cluster), starts this member's watch over them
     * and its trainer schedule.
     */
    public HatcheryNode startLoop() {
        ScoringPipeline.submit(hazelcast, config.jobs());
        FeedbackPipeline.submit(hazelcast, config.feedback(), config.jobs());
        jobWatch = JobWatch.start(hazelcast, JOB_NAMES);
        schedule = TrainerSchedule.start(trainer, hazelcast.getName());
        return this;
    }

    public static Config memberConfig(HatcheryConfig settings) {
        Config config = new Config();
        config.setClusterName(settings.cluster().name());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.partition.count", String.valueOf(settings.cluster().partitions()));
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.cluster().port()).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface(settings.cluster().host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(settings.cluster().members());
        config.getJetConfig().setEnabled(true);
        RegistryMaps.configure(config);
        ScorerMaps.configure(config, settings.journalCapacity());
        settings.holder().applyTo(config);
        FeedbackMaps.configure(config, settings.journalCapacity(), settings.feedback());
        TrainerMaps.configure(config, settings.feedback().retentionMillis());
        return config;
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    public Trainer trainer() {
        return trainer;
    }

    public HatcheryConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.close();
        }
        if (jobWatch != null) {
            jobWatch.close();
        }
        trainer.close();
        mirror.ifPresent(MlflowMirror::close);
        hazelcast.shutdown();
    }
}
