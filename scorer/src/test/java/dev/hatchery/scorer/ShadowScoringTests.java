package dev.hatchery.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import com.hazelcast.sql.SqlResult;
import dev.hatchery.registry.ModelCodec;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Refusal;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.Shadow;
import dev.hatchery.registry.Tampering;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.TrainedModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two real members and the real scoring job: a challenger scores in shadow beside the champion,
 * its predictions recorded and never served; a shadow that ends stops scoring; a bad shadow is
 * refused and recorded by every member while the champion serves every event.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShadowScoringTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int EVENTS = 3_000;

    private final List<HazelcastInstance> members = new ArrayList<>();
    private ModelRegistry registry;
    private Job job;
    private String model;

    @BeforeAll
    void startClusterAndJob() {
        String cluster = TestMembers.newClusterName();
        for (int i = 0; i < 2; i++) {
            members.add(TestMembers.member(cluster, config -> ScorerMaps.configure(config, 1_000_000)));
        }
        assertThat(members.getFirst().getCluster().getMembers()).hasSize(2);
        ScorerMaps.createSqlMappings(members.getFirst());
        registry = ModelRegistry.on(members.getFirst());
        job = ScoringPipeline.submit(members.getFirst(), JobSettings.DEFAULTS);
        await().atMost(WAIT).until(() -> job.getStatus() == JobStatus.RUNNING);
    }

    @AfterAll
    void stopCluster() {
        job.cancel();
        members.forEach(HazelcastInstance::shutdown);
    }

    @BeforeEach
    void freshModel() {
        model = "s" + UUID.randomUUID().toString().substring(0, 8);
    }

    private int register(TrainedModel trained) {
        return registry.register(new Registration(model, trained, 400, 1.0, "test")).version();
    }

    /** Publishes v1 and waits until both members serve it. */
    private void publishChampion() {
        registry.publish(model, 1, "test", "champion");
        await().atMost(WAIT).until(() -> members.stream()
                .allMatch(m -> ModelHolder.of(m).serving(model).map(LoadedModel::version).orElse(0) == 1));
    }

    private void awaitEveryMemberShadows(Optional<Integer> version) {
        await().atMost(WAIT).until(() -> members.stream().allMatch(m -> ModelHolder.of(m).shadow(model).equals(version)));
    }

    /** Streams events into the events map, waits until every one has its served prediction, and returns them by id. */
    private Map<String, Event> stream(String prefix, int count, long seed) {
        Random random = new Random(seed);
        Map<String, Event> sent = new HashMap<>();
        IMap<String, Event> events = ScorerMaps.events(members.getFirst());
        for (int start = 0; start < count; start += 500) {
            Map<String, Event> batch = new HashMap<>();
            for (int i = start; i < Math.min(count, start + 500); i++) {
                String id = model + "-" + prefix + "-" + i;
                batch.put(id, new Event(id, model, TestModels.row(random), System.currentTimeMillis()));
            }
            events.putAll(batch);
            sent.putAll(batch);
        }
        IMap<String, Prediction> predictions = ScorerMaps.predictions(members.getFirst());
        await().atMost(WAIT).until(() -> predictions.getAll(sent.keySet()).size() == count);
        return sent;
    }

    private Map<String, Prediction> predictions(Set<String> ids) {
        return ScorerMaps.predictions(members.getFirst()).getAll(ids);
    }

    private Map<String, ShadowPrediction> shadowPredictions(Set<String> ids) {
        return ScorerMaps.shadowPredictions(members.getFirst()).getAll(ids);
    }

    @Nested
    class WhileAShadowRuns {

        @Test
        void everyEventHasOneServedPredictionByTheChampionAndOneShadowPredictionByTheChallenger() {
            TrainedModel champion = TestModels.logistic(8, 1);
            TrainedModel challenger = TestModels.logistic(11, 2);
            register(champion);
            register(challenger);
            publishChampion();
            registry.startShadow(model, 2, "test", "challenger");
            awaitEveryMemberShadows(Optional.of(2));

            Map<String, Event> sent = stream("a", EVENTS, 5);
            IMap<String, ShadowPrediction> shadowMap = ScorerMaps.shadowPredictions(members.getFirst());
            await().atMost(WAIT).until(() -> shadowMap.getAll(sent.keySet()).size() == EVENTS);

            Map<String, Prediction> served = predictions(sent.keySet());
            Map<String, ShadowPrediction> shadowed = shadowPredictions(sent.keySet());
            assertThat(shadowed.keySet()).isEqualTo(served.keySet()).isEqualTo(sent.keySet());
            int disagreements = 0;
            for (Event event : sent.values()) {
                Prediction prediction = served.get(event.id());
                ShadowPrediction shadow = shadowed.get(event.id());
                // Served as if no shadow ran: by v1, with v1's answer.
                assertThat(prediction.version()).isEqualTo(1);
                assertThat(prediction.predictedClass()).isEqualTo(champion.predict(event.features()).index());
                // The whole posterior, so that log-loss is known for a miss of any number of classes.
                assertThat(prediction.probabilities()).containsExactly(champion.predict(event.features()).posterior());
                assertThat(prediction.probabilities()[prediction.predictedClass()]).isEqualTo(prediction.probability());
                // The shadow's answer is v2's, stamped with what was served beside it.
                assertThat(shadow.shadowVersion()).isEqualTo(2);
                assertThat(shadow.servingVersion()).isEqualTo(1);
                assertThat(shadow.servingEpoch()).isEqualTo(prediction.epoch());
                assertThat(shadow.predictedClass()).isEqualTo(challenger.predict(event.features()).index());
                assertThat(shadow.probability()).isEqualTo(challenger.predict(event.features()).probability());
                assertThat(shadow.predictedLabel()).isEqualTo(TestModels.CLASSES.get(shadow.predictedClass()));
                assertThat(shadow.eventTimeMillis()).isEqualTo(event.timeMillis());
                if (shadow.predictedClass() != prediction.predictedClass()) {
                    disagreements++;
                }
            }
            assertThat(disagreements).as("the two versions are different models").isPositive();
            assertThat(ScorerMaps.deadLetters(members.getFirst()).values()).noneMatch(l -> l.model().equals(model));
        }

        @Test
        void endingItStopsShadowPredictionsAndServingGoesOn() {
            register(TestModels.logistic(8, 1));
            register(TestModels.logistic(11, 2));
            publishChampion();
            registry.startShadow(model, 2, "test", "challenger");
            awaitEveryMemberShadows(Optional.of(2));
            Map<String, Event> during = stream("during", 1_000, 6);
            await().atMost(WAIT).until(() -> shadowPredictions(during.keySet()).size() == during.size());

            registry.endShadow(model, "test", "judged");
            awaitEveryMemberShadows(Optional.empty());
            Map<String, Event> after = stream("after", 1_000, 7);

            assertThat(predictions(after.keySet()).values()).hasSize(1_000).allMatch(p -> p.version() == 1);
            assertThat(shadowPredictions(after.keySet())).isEmpty();
        }

        @Test
        void operatorsCanQueryShadowPredictionsWithSql() {
            register(TestModels.logistic(8, 1));
            register(TestModels.logistic(11, 2));
            publishChampion();
            registry.startShadow(model, 2, "test", "challenger");
            awaitEveryMemberShadows(Optional.of(2));
            Map<String, Event> sent = stream("sql", 500, 8);
            await().atMost(WAIT).until(() -> shadowPredictions(sent.keySet()).size() == sent.size());

            try (SqlResult result = members.getFirst().getSql().execute("SELECT COUNT(*) FROM shadow_predictions"
                    + " WHERE model = ? AND shadow_version = 2 AND serving_version = 1", model)) {
                assertThat(result.iterator().next().<Long>getObject(0)).isEqualTo(500L);
            }
        }
    }

    @Nested
    class ABadShadowIsRefusedByEveryMemberAndTheChampionServesEveryEvent {

        private void refusedBecause(int badVersion, String... reason) {
            publishChampion();
            Shadow shadow = registry.startShadow(model, badVersion, "test", "bad on purpose");
            Set<String> names = members.stream().map(HazelcastInstance::getName).collect(Collectors.toSet());
            await().atMost(WAIT).until(() -> registry.refusals(model).stream()
                    .filter(r -> r.version() == badVersion && r.reason().startsWith("as shadow: "))
                    .map(Refusal::member).collect(Collectors.toSet()).equals(names));
            assertThat(registry.refusals(model)).filteredOn(r -> r.version() == badVersion)
                    .allSatisfy(r -> assertThat(r.reason()).contains(reason));
            assertThat(registry.shadow(model)).as("a refusal does not end the shadow: an operator does")
                    .contains(shadow);
            assertThat(members).allSatisfy(m -> assertThat(ModelHolder.of(m).shadow(model)).isEmpty());

            Map<String, Event> sent = stream("bad", 1_000, 9);
            assertThat(predictions(sent.keySet()).values()).hasSize(1_000).allMatch(p -> p.version() == 1);
            assertThat(shadowPredictions(sent.keySet())).isEmpty();
            assertThat(ScorerMaps.deadLetters(members.getFirst()).values()).noneMatch(l -> l.model().equals(model));
        }

        @Test
        void whenItsBytesAreCorrupt() {
            register(TestModels.logistic(8, 1));
            byte[] garbage = new byte[4096];
            new Random(3).nextBytes(garbage);
            int bad = Tampering.registerBytes(members.getFirst(), model, TestModels.FEATURES, TestModels.CLASSES,
                    garbage, ModelCodec.sha256(garbage)).version();
            refusedBecause(bad, "corrupt model bytes");
        }

        @Test
        void whenItsFeaturesDifferFromTheEvents() {
            register(TestModels.logistic(8, 1));
            int bad = register(TestModels.logistic(List.of("x1", "x2", "x3", "x4"), 8, 5));
            refusedBecause(bad, "has 4 features [x1, x2, x3, x4], events have 3", "retrain");
        }

        @Test
        void whenItAnswersOutsideItsClassesOrProbabilities() {
            register(TestModels.logistic(8, 1));
            int bad = register(TestModels.answeringNaN());
            refusedBecause(bad, "with probability NaN");
        }
    }

    @Nested
    class AHolderThatMissesShadowChanges {

        @Test
        void catchesUpAtItsNextReconciliation() {
            HazelcastInstance member = TestMembers.standalone(config -> {
                ScorerMaps.configure(config, 10_000);
                new HolderSettings(200, 3).applyTo(config);
            });
            try {
                ModelRegistry local = ModelRegistry.on(member);
                local.register(new Registration(model, TestModels.logistic(8, 1), 400, 1.0, "test"));
                local.register(new Registration(model, TestModels.logistic(11, 2), 400, 1.0, "test"));
                ModelHolder holder = ModelHolder.of(member);
                holder.stopListening();

                local.startShadow(model, 2, "test", "heard by no listener");
                await().atMost(WAIT).until(() -> holder.shadow(model).equals(Optional.of(2)));
                local.endShadow(model, "test", "ended unheard");
                await().atMost(WAIT).until(() -> holder.shadow(model).isEmpty());
            } finally {
                member.shutdown();
            }
        }
    }

    @Nested
    class ShadowPredictionsAreKeptForTheRetention {

        private int ttlSeconds(Config config) {
            return config.getMapConfig(ScorerMaps.SHADOW_PREDICTIONS).getTimeToLiveSeconds();
        }

        @Test
        void ofOneDayByDefault() {
            Config config = new Config();
            ScorerMaps.configure(config, 10_000);
            assertThat(ttlSeconds(config)).isEqualTo(86_400);
        }

        @Test
        void setInTheHolderSettingsWhicheverIsConfiguredFirst() {
            HolderSettings settings = new HolderSettings(5_000, 3, 90_500);
            Config settingsFirst = new Config();
            settings.applyTo(settingsFirst);
            ScorerMaps.configure(settingsFirst, 10_000);
            Config mapsFirst = new Config();
            ScorerMaps.configure(mapsFirst, 10_000);
            settings.applyTo(mapsFirst);
            assertThat(List.of(ttlSeconds(settingsFirst), ttlSeconds(mapsFirst))).containsOnly(91);
        }

        @Test
        void ofAtLeastASecond() {
            assertThatThrownBy(() -> new HolderSettings(5_000, 3, 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("shadowRetentionMillis must be 1000 or more");
        }
    }

    @Test
    void withoutAShadowScoringYieldsThePlainPredictionAsBefore() {
        register(TestModels.logistic(8, 1));
        publishChampion();
        ModelHolder holder = ModelHolder.of(members.getFirst());
        Event event = new Event(model + "-plain", model, new double[] {1, 2, 3}, 1L);
        assertThat(holder.shadow(model)).isEmpty();
        assertThat(holder.scoreAll(List.of(Map.entry(event.id(), event)), 1, 1).join()).singleElement().isInstanceOf(Prediction.class);
    }
}
