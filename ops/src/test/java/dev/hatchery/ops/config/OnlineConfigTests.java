package dev.hatchery.ops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hatchery.registry.ModelKind;
import dev.hatchery.registry.online.LearnerKind;
import dev.hatchery.registry.online.LearnerSpec;
import dev.hatchery.trainer.OnlineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnlineConfigTests {

    @TempDir
    Path dir;

    private HatcheryConfig load(String yaml) throws IOException {
        Path file = dir.resolve("hatchery.yaml");
        Files.writeString(file, yaml);
        return HatcheryConfig.load(file);
    }

    @Test
    void aModelIsBatchWithLeveragingBaggingReadyAndACheckpointEveryThousandOutcomesUnlessTold() throws IOException {
        OnlineSettings online = load("").trainer().policy("sea").online();

        assertThat(online).isEqualTo(OnlineSettings.DEFAULTS);
        assertThat(online.kind()).isEqualTo(ModelKind.BATCH);
        assertThat(online.online()).isFalse();
        assertThat(online.learner()).isEqualTo(new LearnerSpec(LearnerKind.LEVERAGING_BAGGING, "", 1, 64));
        assertThat(online.checkpointEvery()).isEqualTo(1_000);
    }

    @Test
    void readsEveryKeyForAllModelsAndPerModelEachOverTheSections() throws IOException {
        var trainer = load("""
                trainer:
                  kind: online
                  online:
                    learner: "moa:meta.AdaptiveRandomForest -s 5"
                    seed: 9
                    maxClasses: 12
                    checkpointEvery: 200
                  models:
                    elec:
                      online: {learner: lr, checkpointEvery: 50}
                    weather:
                      online: {seed: 3, maxClasses: 40}
                    sea:
                      kind: batch
                """).trainer();

        assertThat(trainer.policy("any").online()).isEqualTo(new OnlineSettings(ModelKind.ONLINE,
                new LearnerSpec(LearnerKind.ADAPTIVE_RANDOM_FOREST, "-s 5", 9, 12), 200));
        assertThat(trainer.policy("elec").online()).as("its own learner, the section's seed and capacity")
                .isEqualTo(new OnlineSettings(ModelKind.ONLINE, new LearnerSpec(LearnerKind.LOGISTIC_REGRESSION, "", 9, 12), 50));
        assertThat(trainer.policy("weather").online()).as("the section's learner, its own seed and capacity")
                .isEqualTo(new OnlineSettings(ModelKind.ONLINE,
                        new LearnerSpec(LearnerKind.ADAPTIVE_RANDOM_FOREST, "-s 5", 3, 40), 200));
        assertThat(trainer.policy("sea").online().kind()).isEqualTo(ModelKind.BATCH);
        assertThat(trainer.policy("sea").online().learner().kind()).isEqualTo(LearnerKind.ADAPTIVE_RANDOM_FOREST);
    }

    @Test
    void takesEachShortNameAndMoasCommandLines() throws IOException {
        for (String learner : new String[] {"hat", "arf", "levbag", "lr", "moa:trees.HoeffdingAdaptiveTree",
            "moa:moa.classifiers.meta.LeveragingBag -s 5"}) {
            var online = load("trainer: {kind: online, online: {learner: \"" + learner + "\"}}").trainer().defaults().online();
            assertThat(online.learner()).as(learner).isEqualTo(LearnerSpec.parse(learner));
        }
    }

    @Nested
    class Refuses {

        @Test
        void anUnknownLearnerSayingWhichAreKnown() {
            assertThatThrownBy(() -> load("trainer: {online: {learner: svm}}")).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("trainer.online.learner is 'svm': unknown learner 'svm': use one of "
                            + "[hat, arf, levbag, lr], or moa: and one of [trees.HoeffdingAdaptiveTree, "
                            + "meta.AdaptiveRandomForest, meta.LeveragingBag]");
        }

        @Test
        void streamingRandomPatchesSinceItCannotBeCheckpointed() {
            assertThatThrownBy(() -> load("trainer: {online: {learner: \"moa:meta.StreamingRandomPatches -s 3\"}}"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("trainer.online.learner is 'moa:meta.StreamingRandomPatches -s 3'")
                    .hasMessageContaining("does not survive Java serialization")
                    .hasMessageContaining("could not be checkpointed and replicated");
        }

        @Test
        void aForestTrainedOnAThreadPool() {
            assertThatThrownBy(() -> load("trainer: {models: {elec: {online: {learner: \"moa:meta.AdaptiveRandomForest -j 4\"}}}}"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("trainer.models.elec.online.learner is 'moa:meta.AdaptiveRandomForest -j 4'")
                    .hasMessageContaining("-j 4 trains on a thread pool, which cannot be serialized: use -j 1");
        }

        @Test
        void everyBadValueAtOnceNamingKeyValueAndWhatIsAllowed() {
            assertThatThrownBy(() -> load("""
                    trainer:
                      kind: streaming
                      online:
                        learner: "moa:meta.LeveragingBag -r 4"
                        checkpointEvery: 0
                        maxClasses: 1
                        seed: lucky
                        every: 10
                      models:
                        fraud:
                          online: {learner: "moa:bayes.NaiveBayes", checkpointEvery: -5}
                    """))
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(8))
                    .hasMessageContaining("trainer.kind is 'streaming'; it must be one of [batch, online]")
                    .hasMessageContaining("trainer.online.learner is 'moa:meta.LeveragingBag -r 4': learner "
                            + "'moa:meta.LeveragingBag -r 4': options '-r 4' set MOA's seed with -r: give it as the seed instead")
                    .hasMessageContaining("trainer.online.checkpointEvery is 0; it must be an integer from 1 to 2147483647")
                    .hasMessageContaining("trainer.online.maxClasses is 1; it must be an integer from 2 to 10000")
                    .hasMessageContaining("trainer.online.seed is 'lucky'; it must be an integer")
                    .hasMessageContaining("unknown key 'trainer.online.every'")
                    .hasMessageContaining("trainer.models.fraud.online.learner is 'moa:bayes.NaiveBayes'")
                    .hasMessageContaining("Hatchery replicates [trees.HoeffdingAdaptiveTree, meta.AdaptiveRandomForest, "
                            + "meta.LeveragingBag]")
                    .hasMessageContaining("trainer.models.fraud.online.checkpointEvery is -5");
        }
    }

    @Test
    void theSettingsThemselvesRefuseFewerThanOneOutcomeBetweenCheckpoints() {
        assertThatThrownBy(() -> new OnlineSettings(ModelKind.ONLINE, OnlineSettings.DEFAULT_LEARNER, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid online settings: trainer.online.checkpointEvery must be 1 or more (outcomes between "
                        + "checkpoints), got 0");
    }
}
