package dev.hatchery.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import com.hazelcast.nio.serialization.genericrecord.GenericRecordBuilder;
import com.hazelcast.sql.SqlResult;
import com.hazelcast.sql.SqlRow;
import dev.hatchery.registry.online.LearnerSpec;
import dev.hatchery.registry.online.OnlineLearner;
import dev.hatchery.registry.online.OnlinePrediction;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnlineVersionTests {

    private static final List<String> FEATURES = List.of("a", "b");
    private static final LearnerSpec HAT = LearnerSpec.parse("hat").withSeed(7);

    private HazelcastInstance member;
    private ModelRegistry registry;
    private String model;

    @BeforeAll
    void startMember() {
        member = TestMembers.standalone(config -> { });
        RegistryMaps.createSqlMappings(member);
        registry = ModelRegistry.on(member);
    }

    @AfterAll
    void stopMember() {
        member.shutdown();
    }

    @BeforeEach
    void freshModelName() {
        model = "o" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A learner that has learnt {@code outcomes} rows of "high when a > b", and how many it predicted right first. */
    private record Learnt(OnlineLearner learner, long correct) {
    }

    private static Learnt learnt(int outcomes) {
        OnlineLearner learner = OnlineLearner.create(HAT, FEATURES.size());
        Random random = new Random(3);
        long correct = 0;
        for (int i = 0; i < outcomes; i++) {
            double[] row = {random.nextDouble(), random.nextDouble()};
            String label = row[0] > row[1] ? "high" : "low";
            if (learner.predict(row) instanceof OnlinePrediction.Predicted p && p.label().equals(label)) {
                correct++;
            }
            learner.learn(row, label);
        }
        return new Learnt(learner, correct);
    }

    /** Registers a checkpoint whose period, from log sequence 100, held every outcome it learnt and 20 duplicates it skipped. */
    private ModelVersion registerCheckpoint(Learnt learnt) {
        long outcomes = learnt.learner().revision();
        return registry.register(Checkpoint.of(model, FEATURES, learnt.learner(), 100, 120 + outcomes, outcomes,
                learnt.correct(), "replica-1"));
    }

    @Nested
    class ACheckpoint {

        @Test
        void loadsBackAsTheSameLearnerByteForByte() {
            Learnt learnt = learnt(500);
            ModelVersion version = registerCheckpoint(learnt);

            Artifact loaded = registry.loadArtifact(model, version.version());

            assertThat(loaded).isInstanceOf(Artifact.Online.class);
            OnlineLearner back = ((Artifact.Online) loaded).learner();
            assertThat(back.toBytes()).isEqualTo(learnt.learner().toBytes());
            assertThat(registry.artifact(model, version.version()).orElseThrow()).isEqualTo(learnt.learner().toBytes());
            assertThat(version.sha256()).isEqualTo(learnt.learner().sha256()).isEqualTo(back.sha256());
            assertThat(back.revision()).isEqualTo(500);
            double[] row = {0.9, 0.1};
            assertThat(back.predict(row)).isEqualTo(learnt.learner().predict(row));
        }

        @Test
        void keepsItsLineageAndMetrics() {
            Learnt learnt = learnt(500);
            int number = registerCheckpoint(learnt).version();

            ModelVersion version = registry.version(model, number).orElseThrow();

            assertThat(version.kind()).isEqualTo(ModelKind.ONLINE);
            assertThat(version.lineage()).isEqualTo(new Lineage.Online("hat", 7, LearnerSpec.DEFAULT_MAX_CLASSES, 500, 100,
                    620, 500, learnt.correct()));
            Lineage.Online lineage = (Lineage.Online) version.lineage();
            assertThat(lineage.spec()).isEqualTo(HAT);
            assertThat(lineage.prequentialAccuracy()).hasValue(learnt.correct() / 500.0);
            assertThat(version.features()).isEqualTo(FEATURES);
            assertThat(version.classes()).containsExactlyInAnyOrder("low", "high");
            assertThat(version.trainingRows()).isEqualTo(500);
            assertThat(version.holdoutAccuracy()).isEqualTo(learnt.correct() / 500.0);
            assertThat(version.runId()).isEqualTo("replica-1");
            assertThat(version.method()).isEqualTo("hat");
            assertThatThrownBy(version::algorithm).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("online checkpoint of learner 'hat'");
        }

        @Test
        void isRefusedWhenItsBytesWereCorruptedLikeABatchArtifact() {
            int number = registerCheckpoint(learnt(200)).version();
            String key = ModelVersion.key(model, number);
            byte[] bytes = member.<String, byte[]>getMap(RegistryMaps.ARTIFACTS).get(key);
            bytes[bytes.length / 2] ^= 0x5a;
            member.<String, byte[]>getMap(RegistryMaps.ARTIFACTS).set(key, bytes);

            assertThatThrownBy(() -> registry.loadArtifact(model, number)).isInstanceOf(ModelRejectedException.class)
                    .hasMessageContaining("checksum mismatch");
        }

        @Test
        void isRefusedWhenItsBytesAreAnotherLearnerThanItsRecordSays() {
            OnlineLearner other = learnt(300).learner();
            ModelVersion honest = registerCheckpoint(learnt(200));
            ModelVersion lying = new ModelVersion(model, 2, honest.lineage(), FEATURES, honest.classes(), other.sha256(),
                    other.toBytes().length, 0, 200, 0.9, "tampered");
            member.getMap(RegistryMaps.ARTIFACTS).set(lying.key(), other.toBytes());
            member.getMap(RegistryMaps.VERSIONS).set(lying.key(), lying);

            assertThatThrownBy(() -> registry.loadArtifact(model, 2)).isInstanceOf(ModelRejectedException.class)
                    .hasMessageContaining("at revision 300").hasMessageContaining("its record says 'hat' seed 7 at revision 200");
        }

        @Test
        void isNotMistakenForASmileModel() {
            int number = registerCheckpoint(learnt(50)).version();

            assertThatThrownBy(() -> registry.load(model, number)).isInstanceOf(ModelRejectedException.class)
                    .hasMessageContaining("is an online checkpoint (learner 'hat', revision 50)")
                    .hasMessageContaining("loadArtifact");
        }

        @Test
        void isPublishedAndRolledBackLikeAnyVersion() {
            registry.register(new Registration(model, TestModels.logistic(1), 200, 0.9, "batch"));
            int number = registerCheckpoint(learnt(100)).version();
            registry.publish(model, 1, "alice", "batch first");

            Deployment published = registry.publish(model, number, "alice", "online from now on");
            Deployment back = registry.rollback(model, "bob", "not yet");

            assertThat(published.version()).isEqualTo(2);
            assertThat(back.version()).isEqualTo(1);
            assertThat(back.epoch()).isGreaterThan(published.epoch());
            assertThat(registry.history(model)).extracting(Deployment::version).containsExactly(1, 2, 1);
        }

        @Test
        void aBatchVersionLoadsAsABatchArtifact() {
            int number = registry.register(new Registration(model, TestModels.logistic(4), 200, 0.9, "batch")).version();

            Artifact loaded = registry.loadArtifact(model, number);

            assertThat(loaded).isInstanceOfSatisfying(Artifact.Batch.class,
                    batch -> assertThat(batch.model().predict(new double[] {0.9, 0.1}))
                            .isEqualTo(TestModels.logistic(4).predict(new double[] {0.9, 0.1})));
            assertThat(registry.version(model, number).orElseThrow().lineage())
                    .isEqualTo(new Lineage.Batch(Algorithm.LOGISTIC_REGRESSION));
        }
    }

    @Test
    void anOnlineModelsFirstVersionIsAnEmptyLearnerAtTheLogsHead() {
        ModelVersion v1 = registry.register(Checkpoint.first(model, FEATURES, HAT, 42, "bootstrap"));

        OnlineLearner learner = ((Artifact.Online) registry.loadArtifact(model, v1.version())).learner();

        assertThat(v1.lineage()).isEqualTo(new Lineage.Online("hat", 7, LearnerSpec.DEFAULT_MAX_CLASSES, 0, 42, 42, 0, 0));
        assertThat(((Lineage.Online) v1.lineage()).prequentialAccuracy()).isEmpty();
        assertThat(v1.classes()).isEmpty();
        assertThat(v1.holdoutAccuracy()).isZero();
        assertThat(learner.revision()).isZero();
        assertThat(learner.predict(new double[] {0.5, 0.5})).isEqualTo(OnlinePrediction.NOT_YET);
    }

    @Test
    void aCheckpointWhoseCountsDoNotFitItsRangeIsRefusedBeforeAnythingIsStored() {
        OnlineLearner learner = learnt(100).learner();

        assertThatThrownBy(() -> Checkpoint.of(model, FEATURES, learner, 10, 5, 0, 0, "r"))
                .hasMessageContaining("log range [10, 5) is not a range");
        assertThatThrownBy(() -> Checkpoint.of(model, FEATURES, learner, 0, 50, 60, 0, "r"))
                .hasMessageContaining("periodOutcomes 60 must be between 0 and both the 50 log entries");
        assertThatThrownBy(() -> Checkpoint.of(model, List.of("a"), learner, 0, 100, 100, 0, "r"))
                .hasMessageContaining("1 feature names [a] for a learner of 2 values per row");
        assertThat(registry.versions(model)).isEmpty();
    }

    @Test
    void operatorsSeeKindRevisionAndLogRangeInSql() {
        registry.register(new Registration(model, TestModels.logistic(1), 200, 0.9, "batch"));
        registerCheckpoint(learnt(500));

        try (SqlResult result = member.getSql().execute("SELECT version, kind, algorithm, learner, seed, revision, "
                + "from_sequence, to_sequence, period_outcomes FROM model_versions WHERE model = ? ORDER BY version", model)) {
            var rows = result.iterator();
            SqlRow batch = rows.next();
            assertThat(batch.<String>getObject("kind")).isEqualTo("batch");
            assertThat(batch.<String>getObject("algorithm")).isEqualTo("logistic-regression");
            assertThat(batch.<Long>getObject("revision")).isNull();
            SqlRow online = rows.next();
            assertThat(online.<String>getObject("kind")).isEqualTo("online");
            assertThat(online.<String>getObject("algorithm")).isNull();
            assertThat(online.<String>getObject("learner")).isEqualTo("hat");
            assertThat(online.<Integer>getObject("seed")).isEqualTo(7);
            assertThat(online.<Long>getObject("revision")).isEqualTo(500L);
            assertThat(online.<Long>getObject("from_sequence")).isEqualTo(100L);
            assertThat(online.<Long>getObject("to_sequence")).isEqualTo(620L);
            assertThat(online.<Long>getObject("period_outcomes")).isEqualTo(500L);
        }
    }

    @Nested
    class AVersionStoredBeforeOnlineModels {

        /** Stores the record as the serializer wrote it before it had the online fields, taking its number. */
        private void storeOldForm(int version) {
            member.<String, Long>getMap(RegistryMaps.SEQUENCES).executeOnKey(model, new NextNumber());
            member.getMap(RegistryMaps.VERSIONS).set(ModelVersion.key(model, version), oldForm(version));
        }

        private GenericRecord oldForm(int version) {
            return GenericRecordBuilder.compact(RegistrySerializers.MODEL_VERSION)
                    .setString("model", model).setInt32("version", version).setString("algorithm", "random-forest")
                    .setArrayOfString("features", new String[] {"a", "b"})
                    .setArrayOfString("classes", new String[] {"low", "high"}).setString("sha256", "ab".repeat(32))
                    .setInt32("size_bytes", 1234).setInt64("created_at_millis", 1_700_000_000_000L)
                    .setInt32("training_rows", 800).setFloat64("holdout_accuracy", 0.81).setString("run_id", "run-old")
                    .build();
        }

        @Test
        void readsAsABatchVersionWithItsFacts() {
            storeOldForm(1);

            ModelVersion version = registry.version(model, 1).orElseThrow();

            assertThat(version).isEqualTo(new ModelVersion(model, 1, Algorithm.RANDOM_FOREST, List.of("a", "b"),
                    List.of("low", "high"), "ab".repeat(32), 1234, 1_700_000_000_000L, 800, 0.81, "run-old"));
            assertThat(version.kind()).isEqualTo(ModelKind.BATCH);
        }

        @Test
        void isQueriedWithSqlBesideNewOnesItsNewColumnsNull() {
            storeOldForm(1);
            registerCheckpoint(learnt(100));

            try (SqlResult result = member.getSql().execute(
                    "SELECT version, kind, algorithm, revision FROM model_versions WHERE model = ? ORDER BY version", model)) {
                var rows = result.iterator();
                SqlRow old = rows.next();
                assertThat(old.<String>getObject("algorithm")).isEqualTo("random-forest");
                assertThat(old.<String>getObject("kind")).isNull();
                assertThat(old.<Long>getObject("revision")).isNull();
                SqlRow online = rows.next();
                assertThat(online.<Long>getObject("revision")).isEqualTo(100L);
            }
        }
    }
}
