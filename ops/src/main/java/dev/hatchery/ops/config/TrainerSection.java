package dev.hatchery.ops.config;

import dev.hatchery.registry.Algorithm;
import dev.hatchery.registry.ModelKind;
import dev.hatchery.registry.online.LearnerSpec;
import dev.hatchery.trainer.FitOptions;
import dev.hatchery.trainer.GateSettings;
import dev.hatchery.trainer.OnlineSettings;
import dev.hatchery.trainer.RecencyWeighting;
import dev.hatchery.trainer.SearchSettings;
import dev.hatchery.trainer.ProbationSettings;
import dev.hatchery.trainer.ShadowSettings;
import dev.hatchery.trainer.TrainerSettings;
import dev.hatchery.trainer.TrainingPolicy;
import dev.hatchery.trainer.TrainingWindow;
import dev.hatchery.trainer.TriggerSettings;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code trainer} section: the members' shared settings, a training policy for every model,
 * and under {@code trainer.models.NAME} any of the policy's keys for one model, over the
 * section's own.
 */
final class TrainerSection {

    private TrainerSection() {
    }

    static TrainerSettings read(YamlReader root, YamlReader trainer) {
        TrainerSettings t = TrainerSettings.DEFAULTS;
        TrainingPolicy defaults = policy(root, trainer, t.defaults());
        Map<String, TrainingPolicy> models = new LinkedHashMap<>();
        YamlReader perModel = trainer.section("models");
        for (String model : perModel.names()) {
            models.put(model, policy(root, perModel.section(model), defaults));
        }
        return root.build(() -> new TrainerSettings(defaults, models, trainer.string("checkCron", t.checkCron()),
                trainer.integer("leaseSeconds", t.leaseSeconds(), 1, 86_400),
                trainer.integer("threads", t.threads(), 1, 1_024),
                trainer.longValue("misfireThresholdMillis", t.misfireThresholdMillis())), t);
    }

    /** A policy from a section's keys, each defaulting to {@code base}'s. */
    private static TrainingPolicy policy(YamlReader root, YamlReader section, TrainingPolicy base) {
        FitOptions o = base.fit();
        String algorithm = section.oneOf("algorithm", base.algorithm().id(),
                Arrays.stream(Algorithm.values()).map(Algorithm::id).toList());
        FitOptions fit = root.build(() -> new FitOptions(
                section.integer("trees", o.trees(), 1, 10_000), section.integer("maxDepth", o.maxDepth(), 1, 1_000),
                section.integer("maxNodes", o.maxNodes(), 2, 10_000_000),
                section.integer("nodeSize", o.nodeSize(), 1, 1_000_000),
                section.decimal("shrinkage", o.shrinkage()), section.decimal("lambda", o.lambda()),
                section.integer("parallelism", o.parallelism(), 1, 1_024), section.longValue("seed", o.seed())), o);
        return root.build(() -> new TrainingPolicy(Algorithm.parse(algorithm), fit,
                window(root, section.section("window"), base.window()),
                section.decimal("holdoutFraction", base.holdoutFraction()),
                triggers(root, section, base.triggers()), gate(root, section.section("gate"), base.gate()),
                section.longValue("timeLimitMillis", base.timeLimitMillis()),
                root.build(() -> new RecencyWeighting(section.integer("recencyHalfLifeRows",
                        base.recency().halfLifeRows(), 0, Integer.MAX_VALUE)), base.recency()),
                search(root, section.section("search"), base.search()),
                shadow(root, section.section("shadow"), base.shadow()),
                probation(root, section.section("probation"), base.probation()),
                online(root, section, base.online())), base);
    }

    /**
     * {@code kind} beside the batch keys; the online learner's keys under {@code online}, since
     * {@code seed} is taken by Smile's options. The learner is checked (built, trained, round-tripped)
     * whenever it is given, whatever the kind, so a default for online models is refused early too.
     */
    private static OnlineSettings online(YamlReader root, YamlReader section, OnlineSettings base) {
        String kind = section.oneOf("kind", base.kind().id(), Arrays.stream(ModelKind.values()).map(ModelKind::id).toList());
        YamlReader online = section.section("online");
        LearnerSpec learner = online.parsed("learner", base.learner(), LearnerSpec::parse);
        int seed = online.integer("seed", base.learner().seed(), Integer.MIN_VALUE, Integer.MAX_VALUE);
        int maxClasses = online.integer("maxClasses", base.learner().maxClasses(), 2, 10_000);
        int checkpointEvery = online.integer("checkpointEvery", base.checkpointEvery(), 1, Integer.MAX_VALUE);
        LearnerSpec spec = root.build(() -> learner.withSeed(seed).withMaxClasses(maxClasses), base.learner());
        return root.build(() -> new OnlineSettings(ModelKind.parse(kind), spec, checkpointEvery), base);
    }

    private static TrainingWindow window(YamlReader root, YamlReader window, TrainingWindow base) {
        String strategy = window.oneOf("strategy", base.strategy(), TrainingWindow.STRATEGIES);
        int minRows = window.integer("minRows", base.minRows(), 1, Integer.MAX_VALUE);
        int maxRows = window.integer("maxRows", base.maxRows(), 1, Integer.MAX_VALUE);
        long millis = window.longValue("millis", base instanceof TrainingWindow.LastTime time ? time.millis() : 3_600_000);
        return root.build(() -> switch (strategy) {
            case "last-rows" -> new TrainingWindow.LastRows(minRows, maxRows);
            case "last-time" -> new TrainingWindow.LastTime(millis, minRows, maxRows);
            default -> new TrainingWindow.SinceDrift(minRows, maxRows);
        }, base);
    }

    /** {@code enabled: false} turns every automatic trigger off: only operators start runs. */
    private static TriggerSettings triggers(YamlReader root, YamlReader section, TriggerSettings base) {
        boolean enabled = section.bool("enabled", true);
        YamlReader triggers = section.section("triggers");
        String misfire = triggers.oneOf("misfire", base.misfire().id(),
                Arrays.stream(TriggerSettings.Misfire.values()).map(TriggerSettings.Misfire::id).toList());
        TriggerSettings read = root.build(() -> new TriggerSettings(
                triggers.stringOrEmpty("schedule", base.schedule()),
                TriggerSettings.Misfire.parse(misfire), triggers.bool("drift", base.drift()),
                triggers.bool("dataDrift", base.dataDrift()), triggers.longValue("debounceMillis", base.debounceMillis()),
                triggers.integer("refreshEveryRows", base.refreshEveryRows(), 0, Integer.MAX_VALUE),
                triggers.bool("moreData", base.moreData())), base);
        return enabled ? read : TriggerSettings.manualOnly();
    }

    private static SearchSettings search(YamlReader root, YamlReader search, SearchSettings base) {
        return root.build(() -> new SearchSettings(search.bool("enabled", base.enabled()),
                search.longValue("budgetMillis", base.budgetMillis()),
                search.integer("maxTrials", base.maxTrials(), 1, 1_000),
                search.decimal("validationFraction", base.validationFraction())), base);
    }

    private static ShadowSettings shadow(YamlReader root, YamlReader shadow, ShadowSettings base) {
        return root.build(() -> new ShadowSettings(shadow.bool("enabled", base.enabled()),
                shadow.integer("minEvents", base.minEvents(), 1, Integer.MAX_VALUE),
                shadow.longValue("maxMillis", base.maxMillis())), base);
    }

    private static ProbationSettings probation(YamlReader root, YamlReader probation, ProbationSettings base) {
        return root.build(() -> new ProbationSettings(probation.bool("enabled", base.enabled()),
                probation.integer("events", base.events(), 1, Integer.MAX_VALUE),
                probation.decimal("maxAccuracyDrop", base.maxAccuracyDrop())), base);
    }

    private static GateSettings gate(YamlReader root, YamlReader gate, GateSettings base) {
        return root.build(() -> new GateSettings(gate.bool("enabled", base.enabled()),
                gate.decimal("minImprovement", base.minImprovement()), gate.decimal("alpha", base.alpha()),
                gate.decimal("accuracyFloor", base.accuracyFloor()), gate.bool("refit", base.refit())), base);
    }
}
