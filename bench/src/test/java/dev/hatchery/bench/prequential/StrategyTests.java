package dev.hatchery.bench.prequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hatchery.ops.config.ClusterSettings;
import dev.hatchery.ops.config.HatcheryConfig;
import dev.hatchery.trainer.TrainerSettings;
import dev.hatchery.trainer.TrainingPolicy;
import dev.hatchery.trainer.TriggerSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StrategyTests {

    private static final ClusterSettings CLUSTER = new ClusterSettings("bench", "127.0.0.1", 5999, List.of("127.0.0.1"));

    private static HatcheryConfig config(Strategy strategy, String overrides) {
        return StrategyConfig.of(strategy, overrides, CLUSTER);
    }

    @Nested
    class Configurations {

        @Test
        void defaultIsHatcherysDefaultsWithOnlyTheClusterChanged() {
            assertThat(config(Strategy.DEFAULT, "")).isEqualTo(HatcheryConfig.DEFAULTS.withCluster(CLUSTER));
        }

        @Test
        void staticNeverRetrainsByItself() {
            TrainerSettings trainer = config(Strategy.STATIC, "").trainer();

            assertThat(trainer.defaults().triggers()).isEqualTo(TriggerSettings.manualOnly());
            assertThat(trainer.defaults().withTriggers(TriggerSettings.DEFAULTS)).isEqualTo(TrainingPolicy.DEFAULTS);
        }

        @Test
        void periodicRefreshesEvery5000OutcomesAndDeploysEveryChallenger() {
            TrainingPolicy periodic = config(Strategy.PERIODIC, "").trainer().defaults();

            assertThat(periodic.triggers().refreshEveryRows()).isEqualTo(5_000);
            assertThat(periodic.triggers().drift()).isFalse();
            assertThat(periodic.triggers().moreData()).isFalse();
            assertThat(periodic.gate().enabled()).isFalse();
        }

        @Test
        void anExperimentsSettingsWinOverTheStrategysAndKeepTheRest() {
            TrainingPolicy periodic = config(Strategy.PERIODIC, "trainer: {window: {maxRows: 2000}, trees: 30}")
                    .trainer().defaults();

            assertThat(periodic.window().maxRows()).isEqualTo(2_000);
            assertThat(periodic.fit().trees()).isEqualTo(30);
            assertThat(periodic.triggers().refreshEveryRows()).isEqualTo(5_000);
        }

        @Test
        void baselinesHaveNone() {
            assertThatThrownBy(Strategy.NO_CHANGE::yaml).hasMessageContaining("no-change is a baseline");
        }
    }

    @Nested
    class Merging {

        @Test
        void mergesSectionsKeyByKeyAndReplacesEverythingElse() {
            Map<String, Object> merged = StrategyConfig.merge(
                    Map.of("trainer", Map.of("cron", "a", "trees", 10), "jobs", List.of(1)),
                    Map.of("trainer", Map.of("trees", 20), "jobs", List.of(2)));

            assertThat(merged).isEqualTo(Map.of("trainer", Map.of("cron", "a", "trees", 20), "jobs", List.of(2)));
        }
    }
}
