package dev.hatchery.scorer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.PredictedClass;
import dev.hatchery.registry.Subscription;
import dev.hatchery.registry.TrainedModel;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model versions one member serves, one per model, swapped in place.
 *
 * <p>It follows the deployment pointer: an entry listener hands each change to a loader
 * thread (never deserializing on Hazelcast's event thread), which loads the version, checks
 * it on warm-up rows and only then swaps it in. A swap happens only if the new epoch is above
 * the served one, so changes heard late or loaded out of order never move a member backwards.
 * Because listener events can be lost on failover, it also reconciles with the pointer at
 * start and every {@code reconcileMillis}.
 *
 * <p>Scoring reads the served version once per event, so each prediction is made and stamped
 * by exactly one version.
 */
public final class ModelHolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);
    private static final String USER_CONTEXT_KEY = ModelHolder.class.getName();
    static final long DEFAULT_RECONCILE_MILLIS = 5_000;

    private final ModelRegistry registry;
    private final IMap<String, FirstPrediction> firstPredictions;
    private final String member;
    private final Clock clock;
    private final Map<String, LoadedModel> serving = new ConcurrentHashMap<>();
    private final ScheduledExecutorService loader;
    private final Subscription subscription;

    ModelHolder(HazelcastInstance hazelcast, Clock clock, long reconcileMillis) {
        this.registry = ModelRegistry.on(hazelcast, clock);
        this.firstPredictions = hazelcast.getMap(ScorerMaps.FIRST_PREDICTIONS);
        this.member = hazelcast.getName();
        this.clock = clock;
        // One loader thread per member: loads run one at a time, and the epoch check at the
        // swap keeps the order right even so.
        this.loader = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hatchery-model-loader-" + member);
            thread.setDaemon(true);
            return thread;
        });
        this.subscription = registry.onDeployment(this::offer);
        loader.scheduleWithFixedDelay(this::reconcile, 0, reconcileMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * The holder of this member, created on first use and closed when the member shuts down.
     * Members in one JVM each get their own.
     */
    public static ModelHolder of(HazelcastInstance hazelcast) {
        return (ModelHolder) hazelcast.getUserContext().computeIfAbsent(USER_CONTEXT_KEY, key -> {
            ModelHolder holder = new ModelHolder(hazelcast, Clock.systemUTC(), DEFAULT_RECONCILE_MILLIS);
            hazelcast.getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                    holder.close();
                }
            });
            return holder;
        });
    }

    /** The version this member serves for {@code model}, if any. */
    public Optional<LoadedModel> serving(String model) {
        return Optional.ofNullable(serving.get(model));
    }

    /**
     * Hears of a pointer change. Cheap and non-blocking: the load happens on the loader thread.
     */
    void offer(Deployment deployment) {
        if (isNewer(deployment)) {
            loader.execute(() -> load(deployment));
        }
    }

    private boolean isNewer(Deployment deployment) {
        LoadedModel current = serving.get(deployment.model());
        return current == null || deployment.epoch() > current.epoch();
    }

    private void reconcile() {
        try {
            for (Deployment deployment : registry.deployments()) {
                if (isNewer(deployment)) {
                    LOG.info("reconciling {} with the pointer: epoch {} not yet served here",
                            deployment.versionKey(), deployment.epoch());
                    load(deployment);
                }
            }
        } catch (RuntimeException e) {
            // The member may be shutting down or partitions migrating: try again next round.
            LOG.debug("reconcile skipped: {}", e.toString());
        }
    }

    private void load(Deployment deployment) {
        if (!isNewer(deployment)) {
            return;
        }
        try {
            TrainedModel model = registry.load(deployment.model(), deployment.version());
            warmUp(deployment, model);
            swap(new LoadedModel(deployment.model(), deployment.version(), deployment.epoch(), model));
        } catch (RuntimeException e) {
            LOG.error("refused {} (epoch {}): {}; the previous version keeps serving",
                    deployment.versionKey(), deployment.epoch(), e.getMessage());
        }
    }

    /** Only a version that answers sensibly on warm-up rows may serve. */
    private static void warmUp(Deployment deployment, TrainedModel model) {
        int width = model.features().size();
        for (double value : new double[] {0.0, 0.5, 1.0}) {
            double[] row = new double[width];
            Arrays.fill(row, value);
            PredictedClass predicted = model.predict(row);
            if (predicted.index() < 0 || predicted.index() >= model.classes().size()
                    || !(predicted.probability() >= 0.0 && predicted.probability() <= 1.0)) {
                throw new IllegalStateException(deployment.versionKey() + " answered " + predicted
                        + " on a warm-up row, outside " + model.classes().size() + " classes and [0, 1]");
            }
        }
    }

    /** Swaps in {@code loaded} unless this member already serves a higher or equal epoch. */
    void swap(LoadedModel loaded) {
        LoadedModel result = serving.merge(loaded.name(), loaded,
                (current, candidate) -> candidate.epoch() > current.epoch() ? candidate : current);
        if (result == loaded) {
            LOG.info("{} now serves {}/v{} (epoch {})", member, loaded.name(), loaded.version(), loaded.epoch());
        }
    }

    /**
     * Scores one event with the version served at this instant, or says why it cannot.
     * Non-blocking: safe on Jet's cooperative threads.
     */
    public ScoreResult score(String key, @Nullable Event event) {
        long now = clock.millis();
        if (event == null) {
            return deadLetter(key, "", "event has no value", "null", now);
        }
        String problem = EventChecks.problem(event);
        if (problem != null) {
            return deadLetter(key, event.model(), problem, EventChecks.render(event), now);
        }
        LoadedModel loaded = serving.get(event.model());
        if (loaded == null) {
            return deadLetter(key, event.model(), "no version of model '" + event.model()
                    + "' is deployed on member " + member + ": publish one", EventChecks.render(event), now);
        }
        TrainedModel model = loaded.model();
        double[] features = event.features();
        if (features.length != model.features().size()) {
            return deadLetter(key, event.model(), "event has " + features.length + " features, model '"
                    + loaded.name() + "' v" + loaded.version() + " expects " + model.features().size()
                    + " " + model.features(), EventChecks.render(event), now);
        }
        PredictedClass predicted = model.predict(features);
        if (loaded.firstUse()) {
            firstPredictions.setAsync(loaded.name() + "/v" + loaded.version() + "@" + member,
                    new FirstPrediction(loaded.name(), loaded.version(), loaded.epoch(), event.id(), member, now));
        }
        return new Prediction(event.id(), loaded.name(), loaded.version(), loaded.epoch(), predicted.index(),
                model.classes().get(predicted.index()), predicted.probability(), features, event.timeMillis(), now, 1);
    }

    private static DeadLetter deadLetter(String key, String model, String reason, String payload, long now) {
        return new DeadLetter("event:" + key, "event", model, reason, payload, now);
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (RuntimeException e) {
            LOG.debug("listener already gone: {}", e.toString());
        }
        loader.shutdownNow();
    }
}
