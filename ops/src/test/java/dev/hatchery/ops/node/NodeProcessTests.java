package dev.hatchery.ops.node;

import dev.hatchery.registry.Patience;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import dev.hatchery.ops.config.ClusterSettings;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.FirstPrediction;
import dev.hatchery.scorer.MemberServing;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.scorer.ScoringAudit;
import dev.hatchery.scorer.ScoringPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smile.classification.LogisticRegression;

/**
 * Three {@code hatchery node} processes form one cluster on loopback from their configuration
 * files; the scoring job runs on every one of them and a publish reaches every member's holder.
 */
@Tag("process")
class NodeProcessTests {

    private static final String MODEL = "proc";
    private static final int EVENTS = 3_000;

    private static TrainedModel model(double threshold) {
        Random random = new Random(3);
        double[][] x = new double[300][2];
        int[] y = new int[300];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {random.nextDouble(), random.nextDouble()};
            y[i] = x[i][0] + x[i][1] > threshold ? 1 : 0;
        }
        return TrainedModel.of(Algorithm.LOGISTIC_REGRESSION, List.of("a", "b"), List.of("low", "high"),
                LogisticRegression.fit(x, y, new LogisticRegression.Options(0.1, 1e-5, 200)));
    }

    @Test
    void threeNodeProcessesFormOneClusterScoreEverywhereAndFollowEveryPublish(@TempDir Path dir) {
        String name = "hatchery-proc-" + UUID.randomUUID().toString().substring(0, 8);
        try (LocalCluster cluster = LocalCluster.start(name, 3, 5901, dir, "")) {
            HazelcastInstance client = cluster.client();
            assertThat(client.getCluster().getMembers()).hasSize(3);
            assertThat(client.getPartitionService().getPartitions()).as("the configuration's partition count")
                    .hasSize(ClusterSettings.DEFAULT_PARTITIONS);
            assertThat(client.getJet().getJob(ScoringPipeline.JOB_NAME).getStatus()).isEqualTo(JobStatus.RUNNING);

            ModelRegistry registry = ModelRegistry.on(client);
            registry.register(new Registration(MODEL, model(1.0), 300, 1.0, "test"));
            registry.register(new Registration(MODEL, model(0.8), 300, 1.0, "test"));
            registry.publish(MODEL, 1, "test", "first");
            IMap<String, MemberServing> serving = ScorerMaps.memberServing(client);
            Set<String> members = await().atMost(Patience.of(Duration.ofSeconds(30))).until(() -> servingAt(serving, 1),
                    servers -> servers.size() == 3);

            IMap<String, Event> events = ScorerMaps.events(client);
            Random random = new Random(5);
            Map<String, Event> batch = new HashMap<>();
            for (int i = 0; i < EVENTS; i++) {
                batch.put("e-" + i, new Event("e-" + i, MODEL, new double[] {random.nextDouble(), random.nextDouble()},
                        System.currentTimeMillis()));
            }
            events.putAll(batch);
            Deployment second = registry.publish(MODEL, 2, "test", "second");
            await().atMost(Patience.of(Duration.ofSeconds(30))).until(() -> servingAt(serving, second.epoch()).size() == 3);

            await().atMost(Patience.of(Duration.ofSeconds(30))).until(() -> ScorerMaps.predictions(client).size() == EVENTS);
            ScoringAudit audit = ScoringAudit.of(client, IntStream.range(0, EVENTS).mapToObj(i -> "e-" + i).toList());
            assertThat(audit.lost()).isZero();
            assertThat(audit.duplicated()).isZero();
            assertThat(audit.notDeployed()).isZero();
            // Each member scored the events of its own partitions.
            Set<String> scoredOn = ScorerMaps.firstPredictions(client).values().stream().map(FirstPrediction::member)
                    .collect(Collectors.toSet());
            assertThat(scoredOn).isEqualTo(members);
        }
    }

    private static Set<String> servingAt(IMap<String, MemberServing> serving, long epoch) {
        return serving.values().stream().filter(s -> s.model().equals(MODEL) && s.epoch() == epoch)
                .map(MemberServing::member).collect(Collectors.toSet());
    }
}
