package dev.hatchery.scorer;

import com.hazelcast.map.IMap;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.PredictedClass;
import dev.hatchery.registry.Refusal;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.registry.online.OnlinePrediction;
import dev.hatchery.scorer.online.OnlineScore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Scores batches of events with the versions served at that instant, each version predicting
 * its share in one call, and decides per event whether it is scored, dead-lettered, or waits for
 * its model's version to come into service here.
 */
final class BatchScorer {

    private final ServedVersions served;
    private final Shadows shadows;
    private final Refusals refusals;
    private final ActivationWait wait;
    private final PointerLookups lookups;
    private final IMap<String, FirstPrediction> firstPredictions;
    private final String member;
    private final Clock clock;
    private final HolderSettings settings;

    BatchScorer(ServedVersions served, Shadows shadows, Refusals refusals, ActivationWait wait, PointerLookups lookups,
            IMap<String, FirstPrediction> firstPredictions, String member, Clock clock, HolderSettings settings) {
        this.served = served;
        this.shadows = shadows;
        this.refusals = refusals;
        this.wait = wait;
        this.lookups = lookups;
        this.firstPredictions = firstPredictions;
        this.member = member;
        this.clock = clock;
        this.settings = settings;
    }

    /** See {@link ModelHolder#scoreAll}. */
    CompletableFuture<List<ScoreResult>> scoreAll(List<? extends Map.Entry<String, Event>> entries, long jobId,
            long executionId) {
        ScoreResult[] results = new ScoreResult[entries.size()];
        int[] all = new int[results.length];
        Arrays.setAll(all, i -> i);
        long checkedNanos = System.nanoTime();
        Waits waits = scoreInto(entries, all, results, jobId, executionId, checkedNanos);
        if (waits.indices().length == 0) {
            return CompletableFuture.completedFuture(Arrays.asList(results));
        }
        WaitingBatch batch = new WaitingBatch(this, wait, entries, results, jobId, executionId, waits, checkedNanos);
        wait.hold(batch);
        return batch.future();
    }

    /** Events of a batch that wait for their model's version to activate, and the soonest any stops waiting. */
    record Waits(int[] indices, long soonestDeadlineNanos) {
        static final Waits NONE = new Waits(new int[0], 0);
    }

    /**
     * Scores the events at {@code indices} into {@code results}, each with the version served at
     * this instant, or its dead letter; the events that must wait are left out.
     */
    Waits scoreInto(List<? extends Map.Entry<String, Event>> entries, int[] indices, ScoreResult[] results,
            long jobId, long executionId, long firstCheckedNanos) {
        long now = clock.millis();
        // Usually one version per batch; two around a swap.
        Map<LoadedModel, List<Integer>> byVersion = new IdentityHashMap<>(2);
        // As scored: an event written with features by name has them in the model's order here.
        Event[] scorableEvents = new Event[entries.size()];
        int[] waitingIndices = null;
        int waitingCount = 0;
        long soonest = 0;
        for (int i : indices) {
            Map.Entry<String, Event> entry = entries.get(i);
            switch (check(entry.getKey(), entry.getValue(), now, firstCheckedNanos)) {
                case Check.Refused refused -> results[i] = refused.letter();
                case Check.Scorable scorable -> {
                    scorableEvents[i] = scorable.event();
                    byVersion.computeIfAbsent(scorable.loaded(), v -> new ArrayList<>()).add(i);
                }
                case Check.Awaiting awaiting -> {
                    if (waitingIndices == null) {
                        waitingIndices = new int[indices.length];
                        soonest = awaiting.deadlineNanos();
                    }
                    waitingIndices[waitingCount++] = i;
                    soonest = awaiting.deadlineNanos() - soonest < 0 ? awaiting.deadlineNanos() : soonest;
                }
            }
        }
        byVersion.forEach((loaded, scorable) -> {
            double[][] rows = new double[scorable.size()][];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = scorableEvents[scorable.get(r)].features();
            }
            switch (loaded.served()) {
                case ServedModel.Batch batch -> {
                    PredictedClass[] predicted = batch.model().predictAll(rows);
                    for (int r = 0; r < rows.length; r++) {
                        int i = scorable.get(r);
                        results[i] = prediction(loaded, scorableEvents[i], predicted[r], now, jobId, executionId);
                    }
                }
                case ServedModel.Online online -> scoreOnline(loaded, online, rows, scorable, scorableEvents, results,
                        entries, now, jobId, executionId);
            }
        });
        return waitingIndices == null ? Waits.NONE : new Waits(Arrays.copyOf(waitingIndices, waitingCount), soonest);
    }

    /**
     * An online version's predictions, all made by its replica in one state, stamped with that
     * state's revision. A replica that stopped answering (its learner failed) sends the events to
     * the dead letters with the reason, until the holder rebuilds it.
     */
    private void scoreOnline(LoadedModel loaded, ServedModel.Online online, double[][] rows, List<Integer> scorable,
            Event[] scorableEvents, ScoreResult[] results, List<? extends Map.Entry<String, Event>> entries, long now,
            long jobId, long executionId) {
        List<OnlineScore> scores;
        try {
            scores = online.replica().scoreAll(rows);
        } catch (RuntimeException e) {
            for (int i : scorable) {
                Event event = scorableEvents[i];
                results[i] = deadLetter(entries.get(i).getKey(), event, event.model(), "model '" + loaded.name() + "' v"
                        + loaded.version() + " could not score on member " + member + ": " + e.getMessage(),
                        EventChecks.render(event), now);
            }
            return;
        }
        for (int r = 0; r < rows.length; r++) {
            int i = scorable.get(r);
            results[i] = onlinePrediction(loaded, scorableEvents[i], scores.get(r), now, jobId, executionId);
        }
    }

    private ScoreResult onlinePrediction(LoadedModel loaded, Event event, OnlineScore score, long now, long jobId,
            long executionId) {
        double[] features = event.features();
        loaded.recent().offer(features);
        noteFirstUse(loaded, event, now);
        Prediction prediction = switch (score.prediction()) {
            case OnlinePrediction.Predicted predicted -> new Prediction(event.id(), loaded.name(), loaded.version(),
                    loaded.epoch(), predicted.classes().indexOf(predicted.label()), predicted.label(),
                    predicted.probability(), predicted.posterior(), features, event.timeMillis(), now, jobId, executionId,
                    score.revision(), predicted.classes().toArray(String[]::new));
            // Before its first outcome the learner knows no class: the prediction names none, and its
            // outcome, when the label comes, is the learner's first lesson.
            case OnlinePrediction.NotYet notYet -> new Prediction(event.id(), loaded.name(), loaded.version(),
                    loaded.epoch(), -1, "", 0, new double[0], features, event.timeMillis(), now, jobId, executionId,
                    score.revision(), new String[0]);
        };
        ShadowPrediction shadowed = shadows.beside(event.model(), prediction);
        return shadowed == null ? prediction : new ShadowedPrediction(prediction, shadowed);
    }

    private void noteFirstUse(LoadedModel loaded, Event event, long now) {
        if (loaded.firstUse()) {
            firstPredictions.setAsync(ModelVersion.key(loaded.name(), loaded.version()) + "@" + member,
                    new FirstPrediction(loaded.name(), loaded.version(), loaded.epoch(), event.id(), member, now));
        }
    }

    /** Whether an event can be scored here, and by which version; if not, its dead letter, or that it waits. */
    private sealed interface Check {
        /** @param event the event as scored: features in the model's order */
        record Scorable(LoadedModel loaded, Event event) implements Check {
        }

        record Refused(DeadLetter letter) implements Check {
        }

        /** The model's deployed version is on its way into service here; the event waits, until the deadline at most. */
        record Awaiting(long deadlineNanos) implements Check {
        }
    }

    /** @param firstCheckedNanos when the event was first checked: a pointer lookup must come after it */
    private Check check(String key, @Nullable Event event, long now, long firstCheckedNanos) {
        if (event == null) {
            return new Check.Refused(deadLetter(key, null, "", "event has no value", "null", now));
        }
        String problem = EventChecks.problem(event);
        if (problem != null) {
            return new Check.Refused(deadLetter(key, event, event.model(), problem, EventChecks.render(event), now));
        }
        LoadedModel loaded = served.get(event.model());
        if (loaded == null) {
            return unserved(key, event, now, firstCheckedNanos);
        }
        List<String> features = loaded.features();
        if (event.featuresByName() != null) {
            String mismatch = EventChecks.namesMismatch(event, features);
            if (mismatch != null) {
                return new Check.Refused(deadLetter(key, event, event.model(), mismatch + "; model '" + loaded.name() + "' v"
                        + loaded.version() + " has the features " + features, EventChecks.render(event), now));
            }
            return new Check.Scorable(loaded, EventChecks.inOrderOf(event, features));
        }
        int width = event.features().length;
        if (width != features.size()) {
            return new Check.Refused(deadLetter(key, event, event.model(), "event has " + width + " features, model '"
                    + loaded.name() + "' v" + loaded.version() + " expects " + features.size()
                    + " " + features, EventChecks.render(event), now));
        }
        return new Check.Scorable(loaded, event);
    }

    /** An event of a model this member serves no version of: it waits if one is deployed and on its way here. */
    private Check unserved(String key, Event event, long now, long firstCheckedNanos) {
        String model = event.model();
        if (served.heard(model) == null && !wait.closing()) {
            PointerLookups.Lookup lookup = lookups.lookUp(model, firstCheckedNanos);
            // A read still under way past its deadline (the cluster in trouble) holds the event no longer.
            if (!lookup.done().isDone() && System.nanoTime() - lookup.deadlineNanos() < 0) {
                return new Check.Awaiting(lookup.deadlineNanos());
            }
        }
        // Heard through the lookup meanwhile, if the pointer names a version.
        Deployment deployed = served.heard(model);
        if (deployed == null || refusals.contains(deployed.versionKey()) || wait.closing()) {
            return new Check.Refused(deadLetter(key, event, model, notServing(model), EventChecks.render(event), now));
        }
        long deadline = wait.deadlineNanos(model, deployed.epoch());
        if (System.nanoTime() - deadline < 0) {
            return new Check.Awaiting(deadline);
        }
        return new Check.Refused(deadLetter(key, event, model, deployed.versionKey() + " is deployed but member " + member
                + " has not loaded it yet: it waited " + ModelHolder.ACTIVATION_WAIT_MILLIS + " ms for it (it tries again"
                + " within " + settings.reconcileMillis() + " ms)", EventChecks.render(event), now));
    }

    /** The prediction {@code loaded} made of the event, with its shadow's beside it if one scores. */
    private ScoreResult prediction(LoadedModel loaded, Event event, PredictedClass predicted, long now, long jobId,
            long executionId) {
        TrainedModel model = loaded.model();
        double[] features = event.features();
        loaded.recent().offer(features);
        noteFirstUse(loaded, event, now);
        Prediction prediction = new Prediction(event.id(), loaded.name(), loaded.version(), loaded.epoch(),
                predicted.index(), model.classes().get(predicted.index()), predicted.probability(), predicted.posterior(), features,
                event.timeMillis(), now, jobId, executionId);
        ShadowPrediction shadowed = shadows.beside(event.model(), prediction);
        return shadowed == null ? prediction : new ShadowedPrediction(prediction, shadowed);
    }

    /** Why this member serves no version of {@code model} and waits for none: none deployed, the deployed one refused, or closing. */
    private String notServing(String model) {
        Deployment deployed = served.heard(model);
        if (deployed == null) {
            return "no version of model '" + model + "' is deployed on member " + member + ": publish one";
        }
        Refusal refusal = refusals.of(deployed.versionKey());
        if (refusal != null) {
            return "member " + member + " refused " + deployed.versionKey() + ", the version deployed of model '"
                    + model + "', and serves no other: " + refusal.reason();
        }
        return deployed.versionKey() + " is deployed but member " + member + " shut down before it loaded it";
    }

    private static DeadLetter deadLetter(String key, @Nullable Event event, String model, String reason, String payload,
            long now) {
        return event != null && event.featuresByName() != null
                ? DeadLetter.ofJsonEvent(key, model, reason, payload, now)
                : DeadLetter.ofEvent(key, model, reason, payload, now);
    }
}
