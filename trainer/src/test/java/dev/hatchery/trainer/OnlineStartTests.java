package dev.hatchery.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.registry.Artifact;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.Lineage;
import dev.hatchery.registry.ModelKind;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.registry.online.LearnerSpec;
import dev.hatchery.registry.online.OnlineLearner;
import dev.hatchery.registry.online.OnlinePrediction;
import dev.hatchery.scorer.ScorerMaps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OnlineStartTests {

    private static final List<String> FEATURES = List.of("x", "y", "z");
    private static final LearnerSpec LEARNER = LearnerSpec.parse("hat").withSeed(5).withMaxClasses(8);

    private HazelcastInstance member;
    private ModelRegistry registry;
    private String model;
    private final List<Trainer> trainers = new ArrayList<>();

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> {
            ScorerMaps.configure(config, 10_000);
            FeedbackMaps.configure(config, 10_000);
            TrainerMaps.addSerializers(config.getSerializationConfig());
        });
        registry = ModelRegistry.on(member);
        model = "o" + UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void stop() {
        trainers.forEach(Trainer::close);
        member.shutdown();
    }

    /** A trainer for which {@link #model} is online and every other model batch. */
    private Trainer trainer() {
        TrainingPolicy online = TrainingPolicy.DEFAULTS.withOnline(new OnlineSettings(ModelKind.ONLINE, LEARNER, 500));
        Trainer trainer = Trainer.on(member, new TrainerSettings(TrainingPolicy.DEFAULTS, Map.of(model, online),
                TrainerSettings.DEFAULTS.checkCron(), 300, 1, 60_000));
        trainers.add(trainer);
        return trainer;
    }

    @Test
    void versionOneIsTheEmptyLearnerPublishedAtOnceFromTheLogsHead() {
        Optional<ModelVersion> started = trainer().startOnline(model, FEATURES, 1_234, "operator");

        ModelVersion v1 = started.orElseThrow();
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.kind()).isEqualTo(ModelKind.ONLINE);
        assertThat(v1.features()).isEqualTo(FEATURES);
        assertThat(v1.lineage()).isEqualTo(new Lineage.Online("hat", 5, 8, 0, 1_234, 1_234, 0, 0));
        Deployment serving = registry.deployment(model).orElseThrow();
        assertThat(serving.version()).isEqualTo(1);
        assertThat(serving.by()).isEqualTo("operator");
        assertThat(serving.reason()).contains("learning from log sequence 1234");
        OnlineLearner learner = ((Artifact.Online) registry.loadArtifact(model, 1)).learner();
        assertThat(learner.revision()).isZero();
        assertThat(learner.spec()).isEqualTo(LEARNER);
        assertThat(learner.predict(new double[] {1, 2, 3})).isEqualTo(OnlinePrediction.NOT_YET);
    }

    @Test
    void aModelThatServesAlreadyIsLeftAsItIs() {
        Trainer trainer = trainer();
        trainer.startOnline(model, FEATURES, 0, "operator").orElseThrow();

        Optional<ModelVersion> again = trainer.startOnline(model, FEATURES, 50, "operator");

        assertThat(again).isEmpty();
        assertThat(registry.versions(model)).hasSize(1);
        assertThat(registry.deployment(model).orElseThrow().epoch()).isEqualTo(1);
    }

    @Test
    void aBatchModelIsRefusedSayingWhichKeyMakesItOnline() {
        assertThatThrownBy(() -> trainer().startOnline("batchy", FEATURES, 0, "operator"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("model 'batchy' is configured as kind batch")
                .hasMessageContaining("trainer.models.batchy.kind");
        assertThat(registry.versions("batchy")).isEmpty();
    }
}
