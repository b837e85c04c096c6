package dev.hatchery.trainer;

import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Pin;
import dev.hatchery.registry.Shadow;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the shadow trials of challengers the gate sent to shadow, and decides them once enough
 * labelled events were scored by both versions: the holdout's gate, on those live events.
 */
final class ShadowJudge {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final HazelcastInstance hazelcast;
    private final ModelRegistry registry;
    private final TrainerSettings settings;
    private final TrainingLease lease;
    private final RunReports reports;
    private final ProbationJudge probation;
    private final Clock clock;
    private final String actor;

    ShadowJudge(HazelcastInstance hazelcast, ModelRegistry registry, TrainerSettings settings, TrainingLease lease,
            RunReports reports, ProbationJudge probation, Clock clock, String actor) {
        this.hazelcast = hazelcast;
        this.registry = registry;
        this.settings = settings;
        this.lease = lease;
        this.reports = reports;
        this.probation = probation;
        this.clock = clock;
        this.actor = actor;
    }

    /** Starts the challenger's shadow trial, ending one an earlier challenger may still be in. */
    void start(String model, int version, String why) {
        Optional<Shadow> earlier = registry.shadow(model);
        if (earlier.isPresent()) {
            registry.endShadow(model, actor, "superseded by v" + version);
            reports.inShadow(model, earlier.get().version()).ifPresent(run -> reports.write(run.judgedInShadow(
                    TrainingReport.Status.KEPT, HeadToHead.NONE, 0, "superseded in shadow by v" + version, clock.millis())));
        }
        registry.startShadow(model, version, actor, why);
    }

    /** Decides the model's trial under its lease, if the trainer started it and it is due; returns the run's report then. */
    Optional<TrainingReport> judge(String model) {
        return lease.holding(model, () -> judgeHeld(model));
    }

    private Optional<TrainingReport> judgeHeld(String model) {
        Optional<Shadow> shadow = registry.shadow(model);
        Optional<Deployment> serving = registry.deployment(model);
        if (shadow.isEmpty() || serving.isEmpty()) {
            return Optional.empty();
        }
        int version = shadow.get().version();
        Optional<TrainingReport> run = reports.inShadow(model, version);
        if (run.isEmpty()) {
            return Optional.empty(); // an operator's trial: operators decide it
        }
        TrainingPolicy policy = settings.policy(model);
        long now = clock.millis();
        if (serving.get().version() != run.get().versions().championVersion()) {
            registry.endShadow(model, actor, "the champion changed during the trial");
            return finish(run.get().judgedInShadow(TrainingReport.Status.KEPT, HeadToHead.NONE, 0,
                    "v" + run.get().versions().championVersion() + " no longer serves (v" + serving.get().version()
                            + " does): the trial compared nothing left to beat", now));
        }
        HeadToHead live = ShadowTrial.score(hazelcast, model, version, serving.get().version());
        if (live.rows() < policy.shadow().minEvents()) {
            if (now - shadow.get().startedAtMillis() < policy.shadow().maxMillis()) {
                return Optional.empty();
            }
            registry.endShadow(model, actor, "trial ran out of time");
            return finish(run.get().judgedInShadow(TrainingReport.Status.KEPT, live, 0, "the shadow trial ran out of"
                    + " trainer.shadow.maxMillis with " + live.rows() + " labelled events of "
                    + policy.shadow().minEvents(), now));
        }
        return finish(switch (GateDecision.decide(live, policy.gate())) {
            case GateDecision.Deploy deploy -> {
                Optional<Pin> pin = registry.pinned(model);
                if (pin.isPresent()) {
                    registry.endShadow(model, actor, "won its shadow trial, but the model is pinned");
                    yield run.get().judgedInShadow(TrainingReport.Status.KEPT, live, 0, "won its shadow trial ("
                            + deploy.reason() + "), not deployed: the model is " + pin.get().describe()
                            + " (publish it by hand, or unpin)", now);
                }
                Deployment published = registry.publish(model, version, actor, "won its shadow trial on "
                        + live.rows() + " live events: " + deploy.reason());
                probation.watch(published, policy.probation());
                yield run.get().judgedInShadow(TrainingReport.Status.DEPLOYED, live, published.epoch(),
                        "won its shadow trial: " + deploy.reason(), now);
            }
            case GateDecision.Keep keep -> {
                registry.endShadow(model, actor, "lost its shadow trial");
                yield run.get().judgedInShadow(TrainingReport.Status.KEPT, live, 0, "lost its shadow trial: "
                        + keep.reason(), now);
            }
        });
    }

    private Optional<TrainingReport> finish(TrainingReport report) {
        reports.write(report);
        LOG.info("shadow trial of {}/v{}: {}", report.model(), report.versions().newVersion(), report.detail());
        return Optional.of(report);
    }
}
