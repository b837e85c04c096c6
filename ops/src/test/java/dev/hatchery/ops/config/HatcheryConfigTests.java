package dev.hatchery.ops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.jet.config.ProcessingGuarantee;
import dev.hatchery.feedback.datadrift.DataDriftSettings;
import dev.hatchery.registry.Algorithm;
import dev.hatchery.trainer.GateSettings;
import dev.hatchery.trainer.ProbationSettings;
import dev.hatchery.trainer.SearchSettings;
import dev.hatchery.trainer.ShadowSettings;
import dev.hatchery.trainer.TrainingPolicy;
import dev.hatchery.trainer.TrainingWindow;
import dev.hatchery.trainer.TriggerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.hatchery.feedback.datadrift.DataDriftSettings;
import dev.hatchery.feedback.drift.AdwinSettings;
import dev.hatchery.feedback.drift.DdmSettings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HatcheryConfigTests {

    @TempDir
    Path dir;

    private HatcheryConfig load(String yaml) throws IOException {
        Path file = dir.resolve("hatchery.yaml");
        Files.writeString(file, yaml);
        return HatcheryConfig.load(file);
    }

    @Nested
    class AFileThatSaysNothing {

        @Test
        void givesTheDefaults() throws IOException {
            assertThat(load("")).isEqualTo(HatcheryConfig.DEFAULTS);
        }

        @Test
        void theShippedExampleParsesToTheDefaults() {
            Path example = Path.of("..", "hatchery.yaml");
            assertThat(HatcheryConfig.load(example)).isEqualTo(HatcheryConfig.DEFAULTS);
        }
    }

    @Test
    void readsWhatIsGivenAndDefaultsTheRest() throws IOException {
        HatcheryConfig config = load("""
                cluster:
                  name: prod
                  members: [10.0.0.1, "10.0.0.2:5702"]
                  partitions: 271
                jobs:
                  processingGuarantee: at-least-once
                scorer:
                  reconcileMillis: 2000
                  stagedVersions: 0
                  shadowRetentionMillis: 3600000
                trainer:
                  algorithm: gradient-boosting
                  trees: 50
                  checkCron: "0 0/5 * * * ?"
                  window: {strategy: last-time, millis: 86400000, maxRows: 20000}
                  gate: {alpha: 0.01, refit: true}
                  models:
                    fraud:
                      algorithm: logistic-regression
                      triggers: {schedule: "0 0 3 * * ?", misfire: skip, dataDrift: true}
                    sensors:
                      enabled: false
                      recencyHalfLifeRows: 2000
                      search: {enabled: true, maxTrials: 4}
                      shadow: {enabled: true, minEvents: 500}
                      probation: {events: 300, maxAccuracyDrop: 0.02}
                feedback:
                  detector: ddm
                  labelHorizonMillis: 60000
                  quality:
                    tumblingMillis: 0
                  models:
                    fraud:
                      labelHorizonMillis: 1209600000
                      detector: adwin
                  retentionMillis: 2419200000
                  dataDrift:
                    ignoredFeatures: [date, sequence]
                  ddm:
                    driftLevel: 4.0
                """);
        assertThat(config.cluster().name()).isEqualTo("prod");
        assertThat(config.cluster().members()).containsExactly("10.0.0.1", "10.0.0.2:5702");
        assertThat(config.cluster().port()).isEqualTo(ClusterSettings.DEFAULTS.port());
        assertThat(config.cluster().partitions()).isEqualTo(271);
        assertThat(config.jobs().guarantee()).isEqualTo(ProcessingGuarantee.AT_LEAST_ONCE);
        assertThat(config.holder().reconcileMillis()).isEqualTo(2000);
        assertThat(config.holder().stagedVersions()).isZero();
        assertThat(config.holder().shadowRetentionMillis()).isEqualTo(3_600_000);
        assertThat(config.trainer().checkCron()).isEqualTo("0 0/5 * * * ?");
        TrainingPolicy sea = config.trainer().policy("sea");
        assertThat(sea.algorithm()).isEqualTo(Algorithm.GRADIENT_BOOSTING);
        assertThat(sea.fit().trees()).isEqualTo(50);
        assertThat(sea.window()).isEqualTo(new TrainingWindow.LastTime(86_400_000, 1_000, 20_000));
        assertThat(sea.gate().alpha()).isEqualTo(0.01);
        assertThat(sea.gate().refit()).isTrue();
        assertThat(GateSettings.DEFAULTS.refit()).isFalse();
        assertThat(sea.triggers()).isEqualTo(TriggerSettings.DEFAULTS);
        TrainingPolicy fraud = config.trainer().policy("fraud");
        assertThat(fraud.algorithm()).as("a model's own key").isEqualTo(Algorithm.LOGISTIC_REGRESSION);
        assertThat(fraud.fit().trees()).as("the section's key").isEqualTo(50);
        assertThat(fraud.window()).isEqualTo(sea.window());
        assertThat(fraud.triggers().schedule()).isEqualTo("0 0 3 * * ?");
        assertThat(fraud.triggers().misfire()).isEqualTo(TriggerSettings.Misfire.SKIP);
        assertThat(fraud.triggers().dataDrift()).isTrue();
        assertThat(fraud.triggers().drift()).isTrue();
        assertThat(config.trainer().policy("sensors").triggers()).isEqualTo(TriggerSettings.manualOnly());
        assertThat(config.trainer().policy("sensors").recency().halfLifeRows()).isEqualTo(2_000);
        assertThat(config.trainer().policy("sensors").search()).isEqualTo(new SearchSettings(true, 10_000, 4, 0.2));
        assertThat(sea.search()).isEqualTo(SearchSettings.DEFAULTS);
        assertThat(config.trainer().policy("sensors").shadow()).isEqualTo(new ShadowSettings(true, 500, 3_600_000));
        assertThat(sea.shadow()).isEqualTo(ShadowSettings.DEFAULTS);
        assertThat(config.trainer().policy("sensors").probation()).isEqualTo(new ProbationSettings(true, 300, 0.02));
        assertThat(sea.probation()).isEqualTo(ProbationSettings.DEFAULTS);
        assertThat(config.feedback().detector()).isInstanceOfSatisfying(DdmSettings.class, ddm -> {
            assertThat(ddm.driftLevel()).isEqualTo(4.0);
            assertThat(ddm.warningLevel()).isEqualTo(2.0);
        });
        assertThat(config.feedback().detectorFor("fraud")).isEqualTo(AdwinSettings.DEFAULTS);
        assertThat(config.feedback().detectorFor("sea")).isSameAs(config.feedback().detector());
        assertThat(config.feedback().horizonMillis("fraud")).isEqualTo(1_209_600_000L);
        assertThat(config.feedback().horizonMillis("sea")).isEqualTo(60_000L);
        assertThat(config.feedback().quality().tumblingMillis()).isZero();
        assertThat(config.feedback().quality().slidingMillis()).isEqualTo(300_000);
        assertThat(config.feedback().dataDrift().ignoredFeatures()).containsExactly("date", "sequence");
        assertThat(config.feedback().dataDrift().psiThreshold()).isEqualTo(DataDriftSettings.DEFAULTS.psiThreshold());
    }

    @Test
    void reportsEveryProblemAtOnceNamingKeyValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> load("""
                cluster:
                  port: 70000
                  partitions: 0
                jobs:
                  processingGuarantee: twice
                scorer:
                  stagedVersions: -1
                trainer:
                  algorithm: svm
                  checkCron: "every minute"
                  holdoutFraction: 1.5
                  treez: 10
                feedback:
                  detector: kswin
                  quality:
                    slideMillis: 7000
                """))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(10))
                .hasMessageContaining("cluster.port is 70000; it must be an integer from 1 to 65535")
                .hasMessageContaining("cluster.partitions is 0; it must be an integer from 1 to 100000")
                .hasMessageContaining("jobs.processingGuarantee is 'twice'; it must be one of [exactly-once, at-least-once, none]")
                .hasMessageContaining("scorer.stagedVersions is -1; it must be an integer from 0 to 1000")
                .hasMessageContaining("trainer.algorithm is 'svm'; it must be one of [random-forest, gradient-boosting, logistic-regression, decision-tree]")
                .hasMessageContaining("trainer.checkCron 'every minute' is not a Quartz cron expression")
                .hasMessageContaining("trainer.holdoutFraction must be between 0 and 1 exclusive, got 1.5")
                .hasMessageContaining("unknown key 'trainer.treez'")
                .hasMessageContaining("slideMillis must divide slidingMillis (300000), got 7000")
                .hasMessageContaining("feedback.detector is 'kswin'; it must be one of [ddm, eddm, adwin, page-hinkley, hddm-a]");
    }

    @Nested
    class AnMlflowSection {

        @Test
        void namesTheServerTheExperimentsAndTheIntervals() throws IOException {
            HatcheryConfig config = load("""
                    mlflow:
                      trackingUri: http://mlflow.internal:5000/
                      experimentPrefix: "prod/"
                      experiments: {sea: sea-retraining}
                      syncIntervalMillis: 2000
                      aliasPollMillis: 0
                      retryMinMillis: 100
                      retryMaxMillis: 5000
                      requestTimeoutMillis: 3000
                    """);
            assertThat(config.mlflow().on()).isTrue();
            assertThat(config.mlflow().trackingUri()).isEqualTo("http://mlflow.internal:5000");
            assertThat(config.mlflow().experiment("sea")).isEqualTo("sea-retraining");
            assertThat(config.mlflow().experiment("elec")).isEqualTo("prod/elec");
            assertThat(config.mlflow().syncIntervalMillis()).isEqualTo(2000);
            assertThat(config.mlflow().aliasPollMillis()).isZero();
            assertThat(config.mlflow().retryMaxMillis()).isEqualTo(5000);
            assertThat(config.mlflow().requestTimeoutMillis()).isEqualTo(3000);
        }

        @Test
        void isOffWithoutATrackingUri() throws IOException {
            assertThat(load("mlflow: {trackingUri: \"\"}").mlflow().on()).isFalse();
        }

        @Test
        void reportsEveryProblemAtOnce() {
            assertThatThrownBy(() -> load("""
                    mlflow:
                      trackingUri: databricks
                      retryMinMillis: 1000
                      retryMaxMillis: 10
                      token: abc
                    """))
                    .hasMessageContaining("mlflow.trackingUri is 'databricks'")
                    .hasMessageContaining("mlflow.retryMaxMillis is 10")
                    .hasMessageContaining("unknown key 'mlflow.token'");
        }
    }

    @Test
    void aMissingFileSaysSo() {
        assertThatThrownBy(() -> HatcheryConfig.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read")
                .hasMessageContaining("nope.yaml");
    }
}
