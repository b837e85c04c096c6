package dev.hatchery.ops.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.hazelcast.jet.config.ProcessingGuarantee;
import dev.hatchery.feedback.drift.DdmSettings;
import dev.hatchery.feedback.FeedbackSettings;
import dev.hatchery.feedback.datadrift.DataDriftSettings;
import dev.hatchery.feedback.drift.DetectorSettings;
import dev.hatchery.feedback.QualityWindows;
import dev.hatchery.registry.mlflow.MlflowSettings;
import dev.hatchery.scorer.HolderSettings;
import dev.hatchery.scorer.JobSettings;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.trainer.TrainerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The whole configuration of a Hatchery node; {@link #DEFAULTS} works as it is. */
public record HatcheryConfig(
        ClusterSettings cluster,
        JobSettings jobs,
        int journalCapacity,
        HolderSettings holder,
        FeedbackSettings feedback,
        TrainerSettings trainer,
        MlflowSettings mlflow) {

    public static final HatcheryConfig DEFAULTS = new HatcheryConfig(ClusterSettings.DEFAULTS, JobSettings.DEFAULTS,
            ScorerMaps.DEFAULT_JOURNAL_CAPACITY, HolderSettings.DEFAULTS, FeedbackSettings.DEFAULTS,
            TrainerSettings.DEFAULTS, MlflowSettings.DEFAULTS);

    /** A configuration without an MLflow mirror (unless MLFLOW_TRACKING_URI names one). */
    public HatcheryConfig(ClusterSettings cluster, JobSettings jobs, int journalCapacity, HolderSettings holder,
            FeedbackSettings feedback, TrainerSettings trainer) {
        this(cluster, jobs, journalCapacity, holder, feedback, trainer, MlflowSettings.DEFAULTS);
    }

    public HatcheryConfig withCluster(ClusterSettings cluster) {
        return new HatcheryConfig(cluster, jobs, journalCapacity, holder, feedback, trainer, mlflow);
    }

    public HatcheryConfig withTrainer(TrainerSettings trainer) {
        return new HatcheryConfig(cluster, jobs, journalCapacity, holder, feedback, trainer, mlflow);
    }

    public HatcheryConfig withMlflow(MlflowSettings mlflow) {
        return new HatcheryConfig(cluster, jobs, journalCapacity, holder, feedback, trainer, mlflow);
    }

    /** Reads a YAML file; every key is optional. */
    public static HatcheryConfig load(Path file) {
        Object tree;
        try {
            String text = Files.readString(file);
            tree = text.isBlank() ? null : new ObjectMapper(new YAMLFactory()).readValue(text, Object.class);
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read " + file + ": " + e.getMessage()));
        }
        return parse(tree == null ? Map.of() : tree, file.toString());
    }

    /** What {@code feedback.models.NAME} sets for particular models: a label horizon, a drift detector. */
    private record ModelOverrides(Map<String, Long> horizonsMillis, Map<String, DetectorSettings> detectors) {

        static ModelOverrides read(YamlReader models, FeedbackSettings defaults, DdmSettings ddm) {
            Map<String, Long> horizons = new java.util.LinkedHashMap<>();
            Map<String, DetectorSettings> detectors = new java.util.LinkedHashMap<>();
            for (String model : models.names()) {
                YamlReader settings = models.section(model);
                if (settings.has("labelHorizonMillis")) {
                    horizons.put(model, settings.longValue("labelHorizonMillis", defaults.labelHorizonMillis()));
                }
                if (settings.has("detector")) {
                    detectors.put(model, detector(settings, "ddm", ddm));
                }
            }
            return new ModelOverrides(horizons, detectors);
        }
    }

    /**
     * The detector a section names under {@code detector}: DDM with the {@code feedback.ddm}
     * settings, any other with its paper's defaults.
     */
    private static DetectorSettings detector(YamlReader section, String fallback, DdmSettings ddm) {
        String kind = section.oneOf("detector", fallback, DetectorSettings.KINDS);
        return kind.equals("ddm") ? ddm : DetectorSettings.defaults(kind);
    }

    static HatcheryConfig parse(Object tree, String source) {
        YamlReader root = YamlReader.root(tree, source);
        YamlReader cluster = root.section("cluster");
        YamlReader jobs = root.section("jobs");
        YamlReader scorer = root.section("scorer");
        YamlReader feedback = root.section("feedback");
        YamlReader ddm = feedback.section("ddm");
        YamlReader quality = feedback.section("quality");
        YamlReader models = feedback.section("models");
        YamlReader dataDrift = feedback.section("dataDrift");
        YamlReader trainer = root.section("trainer");

        ClusterSettings c = ClusterSettings.DEFAULTS;
        ClusterSettings clusterSettings = new ClusterSettings(
                cluster.string("name", c.name()), cluster.string("host", c.host()),
                cluster.integer("port", c.port(), 1, 65_535), cluster.strings("members", c.members()),
                cluster.integer("partitions", c.partitions(), 1, 100_000));

        JobSettings j = JobSettings.DEFAULTS;
        String guarantee = jobs.oneOf("processingGuarantee", "exactly-once", List.of("exactly-once", "at-least-once", "none"));
        JobSettings jobSettings = root.build(() -> new JobSettings(
                ProcessingGuarantee.valueOf(guarantee.toUpperCase().replace('-', '_')),
                jobs.longValue("snapshotIntervalMillis", j.snapshotIntervalMillis())), j);
        int journalCapacity = jobs.integer("journalCapacity", DEFAULTS.journalCapacity(), 10_000, Integer.MAX_VALUE);

        HolderSettings h = HolderSettings.DEFAULTS;
        HolderSettings holderSettings = root.build(() -> new HolderSettings(
                scorer.longValue("reconcileMillis", h.reconcileMillis()),
                scorer.integer("stagedVersions", h.stagedVersions(), 0, 1_000),
                scorer.longValue("shadowRetentionMillis", h.shadowRetentionMillis())), h);

        FeedbackSettings f = FeedbackSettings.DEFAULTS;
        DdmSettings d = DdmSettings.DEFAULTS;
        DdmSettings ddmSettings = root.build(() -> new DdmSettings(ddm.integer("minInstances", d.minInstances(), 1, 1_000_000),
                ddm.decimal("warningLevel", d.warningLevel()), ddm.decimal("driftLevel", d.driftLevel())), d);
        DetectorSettings detector = detector(feedback, f.detector().kind(), ddmSettings);
        ModelOverrides overrides = ModelOverrides.read(models, f, ddmSettings);
        FeedbackSettings feedbackSettings = root.build(() -> new FeedbackSettings(
                feedback.longValue("labelHorizonMillis", f.labelHorizonMillis()), detector,
                feedback.integer("rollingWindow", f.rollingWindow(), 1, 10_000_000),
                feedback.integer("healthEvery", f.healthEvery(), 1, 10_000_000),
                feedback.integer("driftLookback", f.driftLookback(), 1, 10_000_000),
                feedback.decimal("maxAccuracyDrop", f.maxAccuracyDrop()),
                root.build(() -> new QualityWindows(quality.longValue("tumblingMillis", f.quality().tumblingMillis()),
                        quality.longValue("slidingMillis", f.quality().slidingMillis()),
                        quality.longValue("slideMillis", f.quality().slideMillis())), f.quality()),
                feedback.longValue("retentionMillis", f.retentionMillis()), overrides.horizonsMillis(),
                root.build(() -> new DataDriftSettings(
                        dataDrift.integer("window", f.dataDrift().window(), 1, 1_000_000),
                        dataDrift.decimal("psiThreshold", f.dataDrift().psiThreshold()),
                        dataDrift.decimal("ksAlpha", f.dataDrift().ksAlpha()),
                        dataDrift.integer("minEvents", f.dataDrift().minEvents(), 1, 1_000_000),
                        dataDrift.integer("checkEvery", f.dataDrift().checkEvery(), 1, 1_000_000),
                        dataDrift.strings("ignoredFeatures", f.dataDrift().ignoredFeatures(), true)), f.dataDrift()),
                overrides.detectors()), f);

        TrainerSettings trainerSettings = TrainerSection.read(root, trainer);
        MlflowSettings mlflowSettings = MlflowSection.read(root, root.section("mlflow"));

        root.failIfProblems();
        return new HatcheryConfig(clusterSettings, jobSettings, journalCapacity, holderSettings, feedbackSettings,
                trainerSettings, mlflowSettings);
    }
}
