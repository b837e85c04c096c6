package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.sql.SqlRow;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelCodec;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.Refusal;
import dev.hatchery.registry.RegistryMaps;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.Tampering;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.TrainedModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three real members on loopback: a publish reaches every member's holder, as a reference flip
 * where the version was staged; a bad version is refused by every member, with the reason
 * recorded against the deployment, while the version before it keeps serving everywhere.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterSwapTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<HazelcastInstance> members = new ArrayList<>();
    private String clusterName;
    private ModelRegistry registry;
    private String model;

    @BeforeAll
    void startCluster() {
        clusterName = TestMembers.newClusterName();
        // The third member stages nothing, so every publish must load on it first.
        for (HolderSettings settings : List.of(HolderSettings.DEFAULTS, HolderSettings.DEFAULTS,
                new HolderSettings(HolderSettings.DEFAULTS.reconcileMillis(), 0))) {
            members.add(TestMembers.member(clusterName, config -> {
                ScorerMaps.configure(config, 100_000);
                settings.applyTo(config);
            }));
        }
        members.forEach(ModelHolder::of);
        RegistryMaps.createSqlMappings(members.getFirst());
        registry = ModelRegistry.on(members.getFirst());
        assertThat(members.getFirst().getCluster().getMembers()).hasSize(3);
    }

    @AfterAll
    void stopCluster() {
        members.forEach(HazelcastInstance::shutdown);
    }

    @BeforeEach
    void freshModel() {
        model = "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    private int register(TrainedModel trained) {
        return registry.register(new Registration(model, trained, 400, 1.0, "test")).version();
    }

    private void awaitEveryMemberServes(long epoch) {
        await().atMost(WAIT).until(() -> members.stream().allMatch(m ->
                ModelHolder.of(m).serving(model).map(LoadedModel::epoch).orElse(0L) == epoch));
    }

    private Map<String, MemberServing> reports(int members) {
        IMap<String, MemberServing> serving = ScorerMaps.memberServing(this.members.getFirst());
        await().atMost(WAIT).until(() -> serving.values().stream().filter(s -> s.model().equals(model)).count() == members);
        return serving.values().stream().filter(s -> s.model().equals(model))
                .collect(Collectors.toMap(MemberServing::member, s -> s));
    }

    @Nested
    class APublish {

        @Test
        void reachesEveryMemberAsAFlipWhereStagedAndAsALoadWhereNot() {
            register(TestModels.logistic(8, 1));
            int v2 = register(TestModels.logistic(10, 2));
            registry.publish(model, 1, "test", "first");
            awaitEveryMemberServes(1);
            await().atMost(WAIT).until(() -> members.stream().limit(2)
                    .allMatch(m -> ModelHolder.of(m).staged(model).contains(v2)));
            assertThat(ModelHolder.of(members.get(2)).staged(model)).doesNotContain(v2);

            Deployment published = registry.publish(model, v2, "test", "second");
            awaitEveryMemberServes(published.epoch());

            await().atMost(WAIT).until(() -> reports(3).values().stream().allMatch(s -> s.epoch() == published.epoch()));
            Map<String, MemberServing> reports = reports(3);
            assertThat(reports.values()).allSatisfy(s -> assertThat(s.version()).isEqualTo(v2));
            assertThat(reports.get(members.get(0).getName()).staged()).isTrue();
            assertThat(reports.get(members.get(1).getName()).staged()).isTrue();
            assertThat(reports.get(members.get(2).getName()).staged()).as("the member that stages nothing").isFalse();
            assertThat(reports.get(members.get(0).getName()).loadMillis()).isZero();
        }

        @Test
        void reachesAMemberThatJoinsLaterThroughReconciliationAtItsStart() {
            register(TestModels.logistic(8, 1));
            register(TestModels.logistic(10, 2));
            registry.publish(model, 1, "test", "first");
            Deployment current = registry.publish(model, 2, "test", "second");
            awaitEveryMemberServes(current.epoch());

            HazelcastInstance late = TestMembers.member(clusterName, config -> ScorerMaps.configure(config, 100_000));
            try {
                ModelHolder holder = ModelHolder.of(late);
                await().atMost(WAIT).until(() -> holder.serving(model).map(LoadedModel::epoch).orElse(0L)
                        == current.epoch());
                // It also readies the version a rollback would return to.
                await().atMost(WAIT).until(() -> holder.staged(model).contains(1));
            } finally {
                late.shutdown();
            }
        }
    }

    @Nested
    class ABadVersionIsRefusedByEveryMemberAndTheOldOneKeepsServing {

        private Deployment publishBad(int badVersion) {
            Deployment published = registry.publish(model, badVersion, "test", "bad on purpose");
            Set<String> names = members.stream().map(HazelcastInstance::getName).collect(Collectors.toSet());
            await().atMost(WAIT).until(() -> registry.refusals(model).stream()
                    .filter(r -> r.version() == badVersion && r.epoch() == published.epoch())
                    .map(Refusal::member).collect(Collectors.toSet()).equals(names));
            return published;
        }

        /** Publishes v1, then registers and publishes the bad v2; returns the reason recorded. */
        private String refusedBecause(Supplier<ModelVersion> registerBad, String... reason) {
            register(TestModels.logistic(8, 1));
            registry.publish(model, 1, "test", "good");
            awaitEveryMemberServes(1);

            int badVersion = registerBad.get().version();
            assertThat(badVersion).isEqualTo(2);
            Deployment published = publishBad(badVersion);

            // Every member still serves v1, and says so.
            for (HazelcastInstance member : members) {
                LoadedModel served = ModelHolder.of(member).serving(model).orElseThrow();
                assertThat(served.version()).isEqualTo(1);
                assertThat(served.epoch()).isEqualTo(1);
            }
            assertThat(reports(3).values()).allSatisfy(s -> assertThat(s.version()).isEqualTo(1));
            assertThat(registry.deployment(model).orElseThrow().epoch()).isEqualTo(published.epoch());
            List<Refusal> refusals = registry.refusals(model);
            assertThat(refusals).hasSize(3).allSatisfy(r -> assertThat(r.reason()).contains(reason));
            return refusals.getFirst().reason();
        }

        private Supplier<ModelVersion> bytes(byte[] bytes, String sha256) {
            return () -> Tampering.registerBytes(members.getFirst(), model, TestModels.FEATURES, TestModels.CLASSES,
                    bytes, sha256);
        }

        private Supplier<ModelVersion> trained(TrainedModel trained) {
            return () -> registry.register(new Registration(model, trained, 400, 1.0, "test"));
        }

        @Test
        void whenItsBytesAreCorrupt() {
            byte[] garbage = new byte[4096];
            new Random(3).nextBytes(garbage);
            refusedBecause(bytes(garbage, ModelCodec.sha256(garbage)), "corrupt model bytes");
        }

        @Test
        void whenItsChecksumDiffers() {
            byte[] good = ModelCodec.encode(TestModels.logistic(9, 4));
            refusedBecause(bytes(good, ModelCodec.sha256(new byte[] {1, 2, 3})), "checksum mismatch");
        }

        @Test
        void whenItHoldsAClassOutsideTheAllowList() throws IOException {
            // The classic probe of deserialization: a set holding a URL.
            HashSet<Object> gadget = new HashSet<>(List.of(URI.create("http://127.0.0.1/").toURL()));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(gadget);
            }
            refusedBecause(bytes(bytes.toByteArray(), ModelCodec.sha256(bytes.toByteArray())),
                    "class java.util.HashSet is not allowed");
        }

        @Test
        void whenItsFeaturesDifferFromTheEvents() {
            String reason = refusedBecause(trained(TestModels.logistic(List.of("x1", "x2", "x3", "x4"), 8, 5)),
                    "has 4 features [x1, x2, x3, x4], events have 3");
            assertThat(reason).contains("retrain");
        }

        @Test
        void whenItThrowsOnWarmUpRows() {
            refusedBecause(trained(TestModels.throwing()), "failed on warm-up row", "Invalid input vector size");
        }

        @Test
        void whenItAnswersOutsideItsClassesOrProbabilities() {
            refusedBecause(trained(TestModels.answeringNaN()), "with probability NaN", "outside its 2 classes or [0, 1]");
        }

        @Test
        void andOperatorsSeeTheRefusalsWithSql() {
            refusedBecause(trained(TestModels.answeringNaN()), "probability NaN");
            List<SqlRow> rows = new ArrayList<>();
            members.getFirst().getSql().execute("SELECT \"member\", version, epoch, reason FROM model_refusals WHERE model = ?",
                    model).forEach(rows::add);
            assertThat(rows).hasSize(3).allSatisfy(row -> {
                assertThat(row.<Integer>getObject("version")).isEqualTo(2);
                assertThat(row.<Long>getObject("epoch")).isEqualTo(2L);
            });
        }
    }
}
