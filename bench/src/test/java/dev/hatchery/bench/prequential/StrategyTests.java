package dev.hatchery.bench.prequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hatchery.ops.config.ClusterSettings;
import dev.hatchery.ops.config.HatcheryConfig;
import dev.hatchery.trainer.TrainerSettings;
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
        void staticNeverChecksForADueRunWithinAReplay() {
            TrainerSettings trainer = config(Strategy.STATIC, "").trainer();

            assertThat(trainer.cron()).contains("2099");
            assertThat(trainer).usingRecursiveComparison().ignoringFields("cron").isEqualTo(TrainerSettings.DEFAULTS);
        }

        @Test
        void periodicRefreshesEvery5000OutcomesAndNoDetectorCanSignal() {
            HatcheryConfig periodic = config(Strategy.PERIODIC, "");

            assertThat(periodic.trainer().refreshEveryRows()).isEqualTo(5_000);
            assertThat(periodic.trainer().minImprovement()).isZero();
            assertThat(periodic.feedback().detector().kind()).isEqualTo("ddm");
            assertThat(periodic.feedback().maxAccuracyDrop()).isEqualTo(1.0);
        }

        @Test
        void anExperimentsSettingsWinOverTheStrategysAndKeepTheRest() {
            HatcheryConfig periodic = config(Strategy.PERIODIC, "trainer: {maxRows: 2000, trees: 30}");

            assertThat(periodic.trainer().maxRows()).isEqualTo(2_000);
            assertThat(periodic.trainer().fit().trees()).isEqualTo(30);
            assertThat(periodic.trainer().refreshEveryRows()).isEqualTo(5_000);
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
