package dev.hatchery.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.sql.SqlResult;
import com.hazelcast.sql.SqlRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelRegistryTests {

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
        model = "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    private int register(long seed) {
        return registry.register(new Registration(model, TestModels.logistic(seed), 200, 0.9, "run-" + seed))
                .version();
    }

    @Nested
    class Registering {

        @Test
        void numbersVersionsOneTwoThreeAndKeepsTheirFacts() {
            assertThat(List.of(register(1), register(2), register(3))).containsExactly(1, 2, 3);
            ModelVersion v2 = registry.version(model, 2).orElseThrow();
            assertThat(v2.features()).containsExactly("a", "b");
            assertThat(v2.classes()).containsExactly("low", "high");
            assertThat(v2.algorithm()).isEqualTo(Algorithm.LOGISTIC_REGRESSION);
            assertThat(v2.runId()).isEqualTo("run-2");
            assertThat(v2.sha256()).hasSize(64);
            assertThat(registry.versions(model)).extracting(ModelVersion::version).containsExactly(1, 2, 3);
        }

        @Test
        void loadsTheSameModelBack() {
            register(7);
            TrainedModel original = TestModels.logistic(7);
            TrainedModel loaded = registry.load(model, 1);
            Random random = new Random(1);
            for (int i = 0; i < 100; i++) {
                double[] row = {random.nextDouble(), random.nextDouble()};
                assertThat(loaded.predict(row)).isEqualTo(original.predict(row));
            }
        }

        @Test
        void concurrentRegistrationsNeverShareANumber() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> numbers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long seed = i;
                numbers.add(pool.submit(() -> register(seed)));
            }
            List<Integer> got = new ArrayList<>();
            for (Future<Integer> number : numbers) {
                got.add(number.get());
            }
            pool.shutdown();
            assertThat(got).doesNotHaveDuplicates().hasSize(20).allMatch(v -> v >= 1 && v <= 20);
        }
    }

    @Nested
    class PublishingAndRollingBack {

        @Test
        void everyChangeHasAHigherEpochEvenARollbackToAnOlderVersion() {
            register(1);
            register(2);
            register(3);
            Deployment first = registry.publish(model, 1, "alice", "initial");
            Deployment second = registry.publish(model, 2, "trainer", "drift");
            Deployment third = registry.publish(model, 3, "trainer", "drift again");
            Deployment back = registry.rollback(model, "bob", "v3 misbehaves");
            Deployment backAgain = registry.rollback(model, "bob", "v2 too");

            assertThat(List.of(first, second, third, back, backAgain)).extracting(Deployment::epoch)
                    .containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(back.version()).isEqualTo(2);
            assertThat(back.action()).isEqualTo(Deployment.Action.ROLLBACK);
            assertThat(backAgain.version()).isEqualTo(1);
            assertThat(registry.deployment(model)).contains(backAgain);
            assertThat(registry.history(model)).extracting(Deployment::version).containsExactly(1, 2, 3, 2, 1);
            assertThat(registry.history(model)).extracting(Deployment::by)
                    .containsExactly("alice", "trainer", "trainer", "bob", "bob");
        }

        @Test
        void aPublishAfterARollbackCanBeRolledBackToo() {
            register(1);
            register(2);
            register(3);
            registry.publish(model, 1, "t", "");
            registry.publish(model, 2, "t", "");
            registry.rollback(model, "t", "");
            registry.publish(model, 3, "t", "");
            assertThat(registry.rollback(model, "t", "").version()).isEqualTo(1);
        }

        @Test
        void aRollbackToANamedVersionIsRecordedAsARollbackAndPopsTheStackDownToIt() {
            for (int v = 1; v <= 4; v++) {
                register(v);
                registry.publish(model, v, "t", "");
            }
            Deployment back = registry.rollback(model, 2, "bob", "v3 and v4 misbehave");
            assertThat(back.version()).isEqualTo(2);
            assertThat(back.epoch()).isEqualTo(5);
            assertThat(back.action()).isEqualTo(Deployment.Action.ROLLBACK);
            assertThat(back.rollbackStack()).containsExactly(1);
            assertThat(registry.rollback(model, "bob", "").version()).isEqualTo(1);
        }

        @Test
        void aRollbackToAVersionThatIsServingOrUnknownChangesNothing() {
            register(1);
            assertThatThrownBy(() -> registry.rollback(model, 1, "bob", "never published"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("has never been published");
            Deployment only = registry.publish(model, 1, "bob", "ok");
            assertThatThrownBy(() -> registry.rollback(model, 1, "bob", "same"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("v1 is already serving");
            assertThatThrownBy(() -> registry.rollback(model, 7, "bob", "typo"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no version 7");
            assertThat(registry.deployment(model)).contains(only);
        }

        @Test
        void badCommandsChangeNothingAndSayWhy() {
            register(1);
            assertThatThrownBy(() -> registry.rollback(model, "bob", "oops"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has never been published");
            assertThatThrownBy(() -> registry.publish(model, 9, "bob", "typo"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no version 9")
                    .hasMessageContaining("registered are [1]");
            Deployment only = registry.publish(model, 1, "bob", "ok");
            assertThatThrownBy(() -> registry.publish(model, 1, "bob", "again"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("v1 is already serving");
            assertThatThrownBy(() -> registry.rollback(model, "bob", "nothing earlier"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no earlier version to roll back to");
            assertThat(registry.deployment(model)).contains(only);
            assertThat(registry.history(model)).containsExactly(only);
        }

        @Test
        void concurrentPublishesGetDistinctIncreasingEpochs() throws Exception {
            for (int v = 1; v <= 8; v++) {
                register(v);
            }
            registry.publish(model, 1, "t", "");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            List<Long> epochs = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 40; i++) {
                int version = 2 + i % 7;
                done.add(pool.submit(() -> {
                    try {
                        epochs.add(registry.publish(model, version, "t", "").epoch());
                    } catch (IllegalStateException alreadyServing) {
                        // Two threads picked the same version back to back: refused, and that is right.
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertThat(epochs).doesNotHaveDuplicates();
            assertThat(registry.deployment(model).orElseThrow().epoch()).isEqualTo(1 + epochs.size());
        }

        @Test
        void listenersHearEveryChange() {
            register(1);
            register(2);
            List<Deployment> heard = new CopyOnWriteArrayList<>();
            try (Subscription ignored = registry.onDeployment(d -> {
                if (d.model().equals(model)) {
                    heard.add(d);
                }
            })) {
                registry.publish(model, 1, "t", "");
                registry.publish(model, 2, "t", "");
                registry.rollback(model, "t", "");
                org.awaitility.Awaitility.await().until(() -> heard.size() == 3);
            }
            assertThat(heard).extracting(Deployment::epoch).containsExactlyInAnyOrder(1L, 2L, 3L);
        }
    }

    @Nested
    class Shadowing {

        @Test
        void aRegisteredChallengerShadowsUntilItsShadowEndsAndTheTrialIsKept() {
            register(1);
            register(2);
            registry.publish(model, 1, "t", "");
            Shadow shadow = registry.startShadow(model, 2, "trainer", "challenger of run 7");
            assertThat(shadow.version()).isEqualTo(2);
            assertThat(registry.shadow(model)).contains(shadow);
            assertThat(registry.shadows()).contains(shadow);

            ShadowEnd end = registry.endShadow(model, "trainer", "lost on 4,000 events");
            assertThat(end.shadow()).isEqualTo(shadow);
            assertThat(end.endedAtMillis()).isGreaterThanOrEqualTo(shadow.startedAtMillis());
            assertThat(registry.shadow(model)).isEmpty();
            assertThat(registry.shadowHistory(model)).containsExactly(end);
            assertThat(registry.deployment(model).orElseThrow().version()).as("shadows never move the pointer").isEqualTo(1);
        }

        @Test
        void badCommandsChangeNothingAndSayHowToFixThem() {
            register(1);
            register(2);
            register(3);
            registry.publish(model, 1, "t", "");
            assertThatThrownBy(() -> registry.startShadow(model, 9, "bob", "typo"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("model '" + model + "' has no version 9")
                    .hasMessageContaining("registered are [1, 2, 3]")
                    .hasMessageContaining("register it first");
            assertThatThrownBy(() -> registry.startShadow(model, 1, "bob", "the champion"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("v1 is the version serving (epoch 1)")
                    .hasMessageContaining("shadow a challenger");
            assertThatThrownBy(() -> registry.endShadow(model, "bob", "nothing"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has no shadow to end");
            Shadow running = registry.startShadow(model, 2, "t", "");
            assertThatThrownBy(() -> registry.startShadow(model, 3, "bob", "another"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already shadows v2")
                    .hasMessageContaining("end that shadow first, then start v3");
            assertThat(registry.shadow(model)).contains(running);
            assertThat(registry.shadowHistory(model)).isEmpty();
        }

        @Test
        void publishingTheShadowedVersionEndsItsShadowAndSaysSo() {
            register(1);
            register(2);
            registry.publish(model, 1, "t", "");
            Shadow shadow = registry.startShadow(model, 2, "trainer", "challenger");
            Deployment promoted = registry.publish(model, 2, "trainer", "won in shadow");

            assertThat(registry.shadow(model)).isEmpty();
            assertThat(registry.shadowHistory(model)).singleElement().satisfies(end -> {
                assertThat(end.shadow()).isEqualTo(shadow);
                assertThat(end.by()).isEqualTo("trainer");
                assertThat(end.reason()).contains("v2 serves from epoch " + promoted.epoch(), "won in shadow");
            });
        }

        @Test
        void publishingAnotherVersionLeavesTheShadowRunning() {
            register(1);
            register(2);
            register(3);
            registry.publish(model, 1, "t", "");
            Shadow shadow = registry.startShadow(model, 3, "t", "");
            registry.publish(model, 2, "t", "");
            assertThat(registry.shadow(model)).contains(shadow);
        }

        @Test
        void listenersHearStartsAndEnds() {
            register(1);
            register(2);
            List<ShadowChange> heard = new CopyOnWriteArrayList<>();
            try (Subscription ignored = registry.onShadow(change -> {
                if (change.model().equals(model)) {
                    heard.add(change);
                }
            })) {
                Shadow first = registry.startShadow(model, 2, "t", "");
                registry.endShadow(model, "t", "");
                Shadow second = registry.startShadow(model, 1, "t", "again");
                org.awaitility.Awaitility.await().until(() -> heard.size() == 3);
                assertThat(heard).containsExactly(new ShadowChange.Started(first), new ShadowChange.Ended(first),
                        new ShadowChange.Started(second));
            }
        }

        @Test
        void operatorsCanQueryShadowsAndTrialsWithSql() {
            register(1);
            register(2);
            registry.startShadow(model, 2, "trainer", "challenger");
            try (SqlResult result = member.getSql().execute("SELECT version, \"by\" FROM shadows WHERE model = ?", model)) {
                SqlRow row = result.iterator().next();
                assertThat(row.<Integer>getObject("version")).isEqualTo(2);
                assertThat(row.<String>getObject("by")).isEqualTo("trainer");
            }
            registry.endShadow(model, "alice", "enough");
            try (SqlResult result = member.getSql().execute(
                    "SELECT version, started_by, ended_by, end_reason FROM shadow_history WHERE model = ?", model)) {
                SqlRow row = result.iterator().next();
                assertThat(row.<Integer>getObject("version")).isEqualTo(2);
                assertThat(row.<String>getObject("started_by")).isEqualTo("trainer");
                assertThat(row.<String>getObject("ended_by")).isEqualTo("alice");
                assertThat(row.<String>getObject("end_reason")).isEqualTo("enough");
            }
        }
    }

    @Test
    void operatorsCanQueryDeploymentsWithSql() {
        register(1);
        register(2);
        registry.publish(model, 1, "t", "");
        registry.publish(model, 2, "t", "");
        try (SqlResult result = member.getSql().execute(
                "SELECT version, epoch, \"action\" FROM deployment_history WHERE model = ? ORDER BY epoch", model)) {
            List<String> rows = new ArrayList<>();
            for (SqlRow row : result) {
                rows.add(row.getObject("version") + "@" + row.getObject("epoch") + ":" + row.getObject("action"));
            }
            assertThat(rows).containsExactly("1@1:PUBLISH", "2@2:PUBLISH");
        }
        try (SqlResult result = member.getSql().execute(
                "SELECT holdout_accuracy FROM model_versions WHERE model = ? AND version = 2", model)) {
            assertThat(result.iterator().next().<Double>getObject(0)).isEqualTo(0.9);
        }
    }

    @Nested
    class PinningAndAuditing {

        @Test
        void aPinStandsUntilLiftedAndASecondPinSaysWhoHoldsIt() {
            assertThat(registry.pinned(model)).isEmpty();
            Pin pin = registry.pin(model, "alice", "investigating a complaint");
            assertThat(registry.pinned(model)).contains(pin);

            assertThatThrownBy(() -> registry.pin(model, "bob", "me too"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("alice").hasMessageContaining("investigating a complaint")
                    .hasMessageContaining("unpin");
            assertThat(registry.pinned(model)).contains(pin);

            assertThat(registry.unpin(model, "alice", "resolved")).isTrue();
            assertThat(registry.pinned(model)).isEmpty();
            assertThat(registry.unpin(model, "alice", "again")).isFalse();
        }

        @Test
        void aRepinReplacesTheModelsPinOrPinsAModelThatHasNone() {
            Pin first = registry.repin(model, "alice", "rollback to v1");
            assertThat(registry.pinned(model)).contains(first);

            Pin second = registry.repin(model, "bob", "promote of v2");
            assertThat(registry.pinned(model)).contains(second);
            assertThat(second.by()).isEqualTo("bob");
            assertThat(second.reason()).isEqualTo("promote of v2");

            assertThat(registry.unpin(model, "bob", "done")).isTrue();
            assertThat(registry.pinned(model)).isEmpty();
        }

        @Test
        void auditEntriesAreKeptInOrderEvenWithinOneMillisecond() {
            registry.audit(new AuditEntry(model, 5, "alice", "pin", "why", "pinned"));
            registry.audit(new AuditEntry(model, 7, "bob", "rollback", "bad", "refused: nothing to roll back to"));
            registry.audit(new AuditEntry(model, 7, "bob", "rollback", "bad", "refused again"));
            registry.audit(new AuditEntry(model + "-other", 6, "carol", "pin", "x", "pinned"));

            assertThat(registry.audits(model)).extracting(AuditEntry::actor).containsExactly("alice", "bob", "bob");
            assertThat(registry.audits(model)).extracting(AuditEntry::result)
                    .contains("refused: nothing to roll back to", "refused again");
        }

        @Test
        void operatorsCanQueryPinsAndTheAuditWithSql() {
            registry.pin(model, "alice", "freeze");
            registry.audit(new AuditEntry(model, 9, "alice", "pin", "freeze", "pinned"));
            try (SqlResult result = member.getSql().execute("SELECT \"by\", reason FROM pins WHERE model = ?", model)) {
                SqlRow row = result.iterator().next();
                assertThat(row.<String>getObject("by")).isEqualTo("alice");
                assertThat(row.<String>getObject("reason")).isEqualTo("freeze");
            }
            try (SqlResult result = member.getSql().execute(
                    "SELECT actor, command, at_millis FROM audit WHERE model = ?", model)) {
                SqlRow row = result.iterator().next();
                assertThat(row.<String>getObject("command")).isEqualTo("pin");
                assertThat(row.<Long>getObject("at_millis")).isEqualTo(9L);
            }
        }
    }
}
