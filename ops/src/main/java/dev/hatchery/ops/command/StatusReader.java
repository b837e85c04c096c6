package dev.hatchery.ops.command;

import dev.hatchery.registry.ReadOnlyMap;
import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import dev.hatchery.feedback.DataDriftState;
import dev.hatchery.feedback.DriftSignal;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.ModelHealth;
import dev.hatchery.feedback.WindowQuality;
import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.mlflow.MirrorStatus;
import dev.hatchery.registry.mlflow.MlflowMirror;
import dev.hatchery.scorer.DeadLetter;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.trainer.ModelDefinition;
import dev.hatchery.trainer.TrainerMaps;
import dev.hatchery.trainer.TrainingPolicy;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;

/** Reads a model's {@link ModelStatus} from the cluster's maps, through each module's API. */
final class StatusReader {

    private StatusReader() {
    }

    static ModelStatus read(OperatorClient client, Deployment deployment) {
        HazelcastInstance hazelcast = client.hazelcast();
        String model = deployment.model();
        MemberRollout rollout = MemberRollout.of(hazelcast, deployment);
        ModelStatus.Serving serving = new ModelStatus.Serving(deployment.version(), deployment.epoch(),
                time(deployment.publishedAtMillis()), deployment.action().name().toLowerCase(java.util.Locale.ROOT),
                deployment.by(), deployment.reason(), rollout.serving(), rollout.members());
        ModelHealth health = FeedbackMaps.ReadOnly.health(hazelcast).get(model);
        DriftSignal signal = FeedbackMaps.ReadOnly.driftSignals(hazelcast).get(model);
        ModelStatus.Health healthView = health == null ? null : new ModelStatus.Health(health.version(), health.epoch(),
                health.rollingAccuracy(), health.outcomes(), health.state().name(), signal == null ? null
                : "#" + signal.sequence() + " by " + signal.detector() + " on v" + signal.version() + " at "
                + time(signal.detectedAtMillis()) + " (error rate " + String.format(java.util.Locale.ROOT, "%.3f",
                signal.errorRate()) + ")");
        DataDriftState drift = FeedbackMaps.ReadOnly.dataDrift(hazelcast).get(model);
        ModelStatus.DataDrift driftView = drift == null ? null : new ModelStatus.DataDrift(drift.version(),
                drift.drifted(), drift.driftedFeatures(), drift.maxPsi(), time(drift.checkedAtMillis()));
        ModelStatus.Probation probation = Optional.ofNullable(TrainerMaps.ReadOnly.probations(hazelcast).get(model))
                .map(p -> new ModelStatus.Probation(p.version(), p.epoch(), p.status(), known(p.accuracy()),
                        known(p.previousAccuracy()), p.detail())).orElse(null);
        ModelStatus.Hold paused = paused(client, model);
        return new ModelStatus(model, serving, null, healthView, coverage(hazelcast, model, deployment.version()),
                driftView, lastRun(client, model), probation, nextRun(client, model, paused != null), paused,
                pinned(client, model), mlflowSyncLag(hazelcast, model), refusals(client, model),
                deadLetters(hazelcast, model), jobTroubles(client));
    }

    /**
     * A model defined but without a version: how far it is from its v1, and what its events met
     * meanwhile (nothing scores them, so they are dead letters until a redrive).
     */
    static ModelStatus readDefined(OperatorClient client, ModelDefinition definition) {
        HazelcastInstance hazelcast = client.hazelcast();
        String model = definition.model();
        long labelled = FeedbackMaps.ReadOnly.labels(hazelcast).aggregate(Aggregators.count(), Predicates.equal("model", model));
        ModelStatus.FirstVersion first = new ModelStatus.FirstVersion(definition.by(),
                time(definition.definedAtMillis()), definition.features(), definition.classes(), labelled,
                client.config().trainer().policy(model).window().minRows());
        ModelStatus.Hold paused = paused(client, model);
        return new ModelStatus(model, null, first, null, null, null, lastRun(client, model), null,
                nextRun(client, model, paused != null), paused, pinned(client, model), mlflowSyncLag(hazelcast, model),
                refusals(client, model), deadLetters(hazelcast, model), jobTroubles(client));
    }

    /** The troubles of the jobs every model's scoring and feedback go through. */
    private static List<String> jobTroubles(OperatorClient client) {
        return JobsCommand.reports(client).stream().map(JobsCommand.JobReport::trouble).filter(Objects::nonNull)
                .toList();
    }

    private static ModelStatus.@Nullable LastRun lastRun(OperatorClient client, String model) {
        return client.trainer().lastRun(model).map(r -> new ModelStatus.LastRun(r.runId(), r.triggerKind().text(),
                r.status().name(), r.versions().newVersion(), time(r.startedAtMillis()), r.finished() ? time(r.finishedAtMillis()) : null,
                r.detail())).orElse(null);
    }

    private static ModelStatus.@Nullable Hold paused(OperatorClient client, String model) {
        return client.trainer().paused(model)
                .map(p -> new ModelStatus.Hold(p.by(), time(p.sinceMillis()), p.reason())).orElse(null);
    }

    private static ModelStatus.@Nullable Hold pinned(OperatorClient client, String model) {
        return client.registry().pinned(model)
                .map(p -> new ModelStatus.Hold(p.by(), time(p.sinceMillis()), p.reason())).orElse(null);
    }

    private static List<ModelStatus.RefusedVersion> refusals(OperatorClient client, String model) {
        return client.registry().refusals(model).stream().map(r -> new ModelStatus.RefusedVersion(r.version(),
                r.epoch(), r.member(), r.reason(), time(r.atMillis()))).toList();
    }

    /** Counted and found by the members (an aggregation and a query), not read here one by one. */
    static ModelStatus.@Nullable DeadLetters deadLetters(HazelcastInstance hazelcast, String model) {
        ReadOnlyMap<String, DeadLetter> letters = ScorerMaps.ReadOnly.deadLetters(hazelcast);
        Predicate<String, DeadLetter> ofModel = ScorerMaps.deadLetteredEventsOf(model);
        long count = letters.aggregate(Aggregators.count(), ofModel);
        if (count == 0) {
            return null;
        }
        long newestMillis = letters.aggregate(Aggregators.longMax("at_millis"), ofModel);
        String reason = letters.values(Predicates.and(ofModel, Predicates.equal("at_millis", newestMillis))).stream()
                .map(DeadLetter::reason).findFirst().orElse("(removed meanwhile)");
        return new ModelStatus.DeadLetters(count, time(newestMillis), reason);
    }

    /**
     * Labelled over scored events of the version, over its quality windows of one kind
     * (tumbling if there are any: sliding windows overlap and would count events twice).
     */
    static @Nullable Double coverage(HazelcastInstance hazelcast, String model, int version) {
        Collection<WindowQuality> rows = FeedbackMaps.ReadOnly.quality(hazelcast).values(Predicates.and(
                Predicates.equal("model", model), Predicates.equal("version", version)));
        String kind = rows.stream().anyMatch(r -> r.windowKind().equals("tumbling")) ? "tumbling" : "sliding";
        long scored = 0;
        long labelled = 0;
        for (WindowQuality row : rows) {
            if (row.windowKind().equals(kind)) {
                scored += row.scored();
                labelled += row.labelled();
            }
        }
        return scored == 0 ? null : (double) labelled / scored;
    }

    /**
     * The model's next scheduled run by its cron ({@code trainer.triggers.schedule} of the
     * configuration given with {@code --config}, which should be the members'), computed here
     * with Quartz.
     */
    static String nextRun(OperatorClient client, String model, boolean paused) {
        TrainingPolicy policy = client.config().trainer().policy(model);
        String cron = policy.triggers().schedule();
        if (cron.isEmpty()) {
            return "none scheduled (no trainer.triggers.schedule); drift and refresh runs as they come";
        }
        try {
            Date next = new CronExpression(cron).getNextValidTimeAfter(new Date());
            String when = next == null ? "never" : time(next.getTime());
            return when + " ('" + cron + "')" + (paused ? ", but automatic training is paused" : "");
        } catch (ParseException e) {
            return "unknown: cron '" + cron + "' does not parse (" + e.getMessage() + ")";
        }
    }

    /** How far the MLflow mirror is behind for the model, and its last failure, in one line. */
    static String mlflowSyncLag(HazelcastInstance hazelcast, String model) {
        if (!MlflowMirror.on(hazelcast)) {
            return "off (no member runs an MLflow mirror: set mlflow.trackingUri or MLFLOW_TRACKING_URI)";
        }
        Optional<MirrorStatus> state = MlflowMirror.status(hazelcast, model);
        if (state.isEmpty()) {
            return "on; nothing of this model mirrored yet";
        }
        MirrorStatus mirror = state.get();
        String synced = mirror.pendingEntries() == 0 ? "in sync"
                : String.format(java.util.Locale.ROOT, "%d changes pending, the oldest for %.1f s",
                        mirror.pendingEntries(), mirror.lagMillis() / 1e3);
        String last = mirror.lastSyncAtMillis() == 0 ? "never synced" : "last sync " + time(mirror.lastSyncAtMillis());
        String failure = mirror.lastFailureAtMillis() > mirror.lastSyncAtMillis()
                ? "; failing since " + time(mirror.lastFailureAtMillis()) + ": " + mirror.lastFailure() : "";
        return synced + " (" + last + ", alias champion on MLflow version "
                + (mirror.championVersion().isEmpty() ? "none" : mirror.championVersion()) + ")" + failure;
    }

    private static @Nullable Double known(double value) {
        return Double.isNaN(value) ? null : value;
    }

    static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
