package dev.hatchery.scorer;

import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelRejectedException;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.PredictedClass;
import dev.hatchery.registry.Refusal;
import dev.hatchery.registry.Shadow;
import dev.hatchery.registry.TrainedModel;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shadow version of each model that has one here, followed from the registry's shadow
 * pointer and loaded on a thread of its own, so that a slow or bad shadow never delays a swap
 * nor loses a served prediction.
 */
final class Shadows {

    private static final Logger LOG = LoggerFactory.getLogger(Shadows.class);

    private final ModelRegistry registry;
    private final ServedVersions served;
    private final VersionLoader loader;
    private final Refusals refusals;
    private final String member;
    private final Clock clock;
    private final ExecutorService shadowThread;
    /** The shadow version of each model that has one here, loaded and checked. */
    private final Map<String, LoadedShadow> byModel = new ConcurrentHashMap<>();
    /** Shadow trials refused here, by {@link Shadow#trialKey()}: refused once, recorded once. */
    private final Set<String> refusedTrials = ConcurrentHashMap.newKeySet();

    Shadows(ModelRegistry registry, ServedVersions served, VersionLoader loader, Refusals refusals, String member,
            Clock clock, ExecutorService shadowThread) {
        this.registry = registry;
        this.served = served;
        this.loader = loader;
        this.refusals = refusals;
        this.member = member;
        this.clock = clock;
        this.shadowThread = shadowThread;
    }

    /** The shadow version this member scores {@code model}'s events with beside the served one, if any. */
    Optional<Integer> version(String model) {
        return Optional.ofNullable(byModel.get(model)).map(LoadedShadow::version);
    }

    /** Hears that a model's shadow changed, on Hazelcast's event thread; it is followed on the shadow thread. */
    void changed(String model) {
        shadowThread.execute(() -> followPointer(model));
    }

    /** Brings every model's shadow here in line with the registry's shadow pointers. Shadow thread only. */
    void reconcile() {
        try {
            List<Shadow> truth = registry.shadows();
            Set<String> shadowed = truth.stream().map(Shadow::model).collect(Collectors.toSet());
            for (String model : List.copyOf(byModel.keySet())) {
                if (!shadowed.contains(model)) {
                    follow(model, null);
                }
            }
            for (Shadow shadow : truth) {
                follow(shadow.model(), shadow);
            }
        } catch (RuntimeException e) {
            LOG.debug("shadow reconcile skipped: {}", e.toString());
        }
    }

    /**
     * The prediction of {@code model}'s shadow of an event {@code served} already; null if none
     * scores here (or it is the served version), or it cannot make one, which the served one never notices.
     */
    @Nullable ShadowPrediction beside(String model, Prediction served) {
        // Without a shadow, one map lookup is all this costs: no allocation.
        LoadedShadow shadow = byModel.get(model);
        if (shadow == null || shadow.version() == served.version()) {
            return null;
        }
        return score(shadow, served);
    }

    /** Reads what a model's shadow is now, since changes may come late or not at all. */
    private void followPointer(String model) {
        try {
            follow(model, registry.shadow(model).orElse(null));
        } catch (RuntimeException e) {
            LOG.debug("shadow of {} not followed, the next reconciliation will: {}", model, e.toString());
        }
    }

    /** Makes {@code shadow} (null: none) the shadow of {@code model} here. Shadow thread only. */
    private void follow(String model, @Nullable Shadow shadow) {
        LoadedShadow current = byModel.get(model);
        if (shadow == null) {
            if (current != null && byModel.remove(model, current)) {
                LOG.info("{} no longer shadows {}", member, current.shadow().versionKey());
            }
            return;
        }
        if (current != null && current.shadow().equals(shadow)) {
            return;
        }
        if (refusedTrials.contains(shadow.trialKey())) {
            // Still named by the pointer but refused here: score without it until the shadow ends.
            if (current != null) {
                byModel.remove(model, current);
            }
            return;
        }
        LoadedShadow loaded = load(shadow);
        if (loaded == null) {
            if (current != null) {
                byModel.remove(model, current);
            }
            return;
        }
        byModel.put(model, loaded);
        LOG.info("{} now shadows {} beside the serving version", member, shadow.versionKey());
    }

    /** Loads and checks a shadow version like one to serve; null if refused (and recorded). */
    private @Nullable LoadedShadow load(Shadow shadow) {
        String refusal;
        try {
            VersionLoader.Staged ready = loader.stagedVersion(shadow.versionKey());
            ModelVersion version = ready != null ? ready.record() : registry.version(shadow.model(), shadow.version())
                    .orElseThrow(() -> new ModelRejectedException(shadow.versionKey() + " is shadowed but not registered"));
            TrainedModel model = ready != null ? ready.model() : registry.load(shadow.model(), shadow.version());
            // Checked even when staged: against the version serving now, whose events it will see.
            LoadedModel serving = served.get(shadow.model());
            refusal = ServingChecks.problem(version, model, serving, serving == null ? List.of() : serving.recent().snapshot());
            if (refusal == null) {
                return new LoadedShadow(shadow, model);
            }
        } catch (ModelRejectedException e) {
            refusal = e.getMessage();
        }
        // Anything else (a migrating partition, say) propagates: the next reconciliation tries again.
        refusedTrials.add(shadow.trialKey());
        LOG.error("{} refused {} as shadow: {}; scoring goes on without it", member, shadow.versionKey(), refusal);
        // Recorded beside serving refusals (epoch 0, as when staging; the reason says how), but kept
        // out of the serving side's own list: a later publish of this version is judged afresh.
        refusals.record(new Refusal(shadow.model(), shadow.version(), 0, member, "as shadow: " + refusal, clock.millis()));
        return null;
    }

    /** The shadow's prediction of an event already served; null if the shadow cannot make one. */
    private @Nullable ShadowPrediction score(LoadedShadow shadow, Prediction served) {
        TrainedModel model = shadow.model();
        if (served.features().length != model.features().size()) {
            return null;
        }
        PredictedClass predicted;
        try {
            predicted = model.predict(served.features());
        } catch (RuntimeException e) {
            LOG.debug("{} shadow {} failed on event {}: {}", member, shadow.shadow().versionKey(), served.eventId(),
                    e.toString());
            return null;
        }
        int index = predicted.index();
        if (index < 0 || index >= model.classes().size()) {
            return null;
        }
        return new ShadowPrediction(served.eventId(), served.model(), shadow.version(), served.version(),
                served.epoch(), index, model.classes().get(index), predicted.probability(), served.eventTimeMillis(),
                served.scoredAtMillis());
    }
}
