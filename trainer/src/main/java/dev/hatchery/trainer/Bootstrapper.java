package dev.hatchery.trainer;

import com.hazelcast.core.HazelcastInstance;
import dev.hatchery.registry.Checkpoint;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.registry.mlflow.MirroredRun;
import dev.hatchery.registry.mlflow.MlflowMirror;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains and publishes a model's first version: from rows handed to {@link Trainer#bootstrap},
 * or, for a model operators {@linkplain TrainerControls#define defined}, from its first window
 * of labelled events; an online model's from no data at all ({@link Trainer#startOnline}).
 */
final class Bootstrapper {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final HazelcastInstance hazelcast;
    private final ModelRegistry registry;
    private final TrainerSettings settings;
    private final TrainingLease lease;
    private final TrainedVersions versions;
    private final Clock clock;
    private final String actor;

    Bootstrapper(HazelcastInstance hazelcast, ModelRegistry registry, TrainerSettings settings, TrainingLease lease,
            TrainedVersions versions, Clock clock, String actor) {
        this.hazelcast = hazelcast;
        this.registry = registry;
        this.settings = settings;
        this.lease = lease;
        this.versions = versions;
        this.clock = clock;
        this.actor = actor;
    }

    /**
     * Trains v1 on {@code data} with the newest rows held out; registers and publishes it. When
     * the rows were events, the ids of those it trains on ({@code eventIds}, in the rows' order)
     * are kept with the version, so that a redrive of their dead letters does not grade the
     * version on its own training rows.
     */
    ModelVersion bootstrap(String model, TrainingData data, String by, List<String> eventIds) {
        TrainingPolicy policy = settings.policy(model);
        int holdoutRows = Math.max(1, (int) Math.round(data.size() * policy.holdoutFraction()));
        TrainingData train = data.slice(0, data.size() - holdoutRows);
        long started = clock.millis();
        TrainedModel trained = ModelFit.fit(train, policy.algorithm(), policy.fit(), policy.recency());
        double accuracy = ModelFit.accuracy(trained, data.slice(data.size() - holdoutRows, data.size()));
        String how = "bootstrap on " + train.size() + " rows, " + holdoutRows + " held out";
        if (policy.gate().refit()) {
            trained = ModelFit.fit(data, policy.algorithm(), policy.fit(), policy.recency());
            train = data;
            how += String.format(" (accuracy %.4f), then refitted on all %d", accuracy, data.size());
        }
        long trainMillis = clock.millis() - started;
        List<String> trainedOn = eventIds.isEmpty() ? List.of() : eventIds.subList(0, train.size());
        ModelVersion version = versions.register(new Registration(model, trained, train.size(), accuracy,
                Trainer.BOOTSTRAP_RUN), train, TrainerMaps.bootstrapRowsKey(model), trainedOn);
        Deployment deployment = registry.publish(model, version.version(), by, how);
        LOG.info("bootstrapped {} on {} rows in {} ms; epoch {}", version.key(), data.size(), trainMillis,
                deployment.epoch());
        MlflowMirror.recordRun(hazelcast, new MirroredRun(model, version.runId(), TrainingReport.Status.DEPLOYED.name(), started,
                clock.millis(), version.version(), Map.of("algorithm", policy.algorithm().id(), "hyperparameters",
                        policy.fit().toText(), "seed", Long.toString(policy.fit().seed()), "training_rows",
                        Integer.toString(train.size()), "holdout_rows", Integer.toString(holdoutRows)),
                Map.of("challenger_holdout_accuracy", accuracy, "training_millis", (double) trainMillis),
                Map.of("trigger", "bootstrap", "gate_decision", TrainingReport.Status.DEPLOYED.name(), "reason",
                        deployment.reason(), "hatchery.epoch", Long.toString(deployment.epoch()))));
        return version;
    }

    /**
     * Under the model's lease: v1 of an online model, which needs no data. Its learner, made from
     * the model's {@link OnlineSettings}, has learnt nothing (revision 0) and its log range starts
     * and ends at {@code fromSequence}, the head of the model's outcome log, so that every replica
     * loaded from it learns from that sequence on. It is registered and published at once, so the
     * model scores from its first event (the learner's answer before any outcome is
     * {@code NOT_YET}). Empty, changing nothing, if the model has been published already or
     * another thread or member holds its lease.
     *
     * @throws IllegalStateException if the model's configured kind is not online
     */
    Optional<ModelVersion> bootstrapOnline(String model, List<String> features, long fromSequence, String by) {
        OnlineSettings online = settings.policy(model).online();
        if (!online.online()) {
            throw new IllegalStateException("model '" + model + "' is configured as kind " + online.kind().id()
                    + ": set trainer.models." + model + ".kind to online to start it as an online model");
        }
        return lease.holding(model, () -> {
            if (registry.deployment(model).isPresent()) {
                return Optional.empty();
            }
            long started = clock.millis();
            ModelVersion version = registry.register(Checkpoint.first(model, features, online.learner(), fromSequence,
                    Trainer.ONLINE_START_RUN));
            Deployment deployment = registry.publish(model, version.version(), by, "online model starts: "
                    + online.learner() + ", learning from log sequence " + fromSequence);
            LOG.info("started online {} ({}) at log sequence {}; epoch {}", version.key(), online.learner(), fromSequence,
                    deployment.epoch());
            MlflowMirror.recordRun(hazelcast, new MirroredRun(model, version.runId(), TrainingReport.Status.DEPLOYED.name(),
                    started, clock.millis(), version.version(), Map.of("kind", online.kind().id(), "learner",
                            online.learner().text(), "seed", Integer.toString(online.learner().seed()), "max_classes",
                            Integer.toString(online.learner().maxClasses()), "from_sequence", Long.toString(fromSequence)),
                    Map.of("revision", 0.0), Map.of("trigger", "online-start", "gate_decision",
                            TrainingReport.Status.DEPLOYED.name(), "reason", deployment.reason(), "hatchery.epoch",
                            Long.toString(deployment.epoch()))));
            return Optional.of(version);
        });
    }

    /**
     * Under the model's lease: v1 of a model operators defined, from its first window of labelled
     * events, once there are {@code window.minRows} of them. Returns the version if it made one.
     */
    Optional<ModelVersion> bootstrapDefined(ModelDefinition definition) {
        String model = definition.model();
        return lease.holding(model, () -> registry.deployment(model).isPresent() ? Optional.empty()
                : FirstWindow.of(hazelcast, definition, settings.policy(model).window())
                        .map(rows -> bootstrap(model, rows.data(), actor, rows.eventIds())));
    }
}
