package dev.hatchery.ops.demo;

import dev.hatchery.registry.ReadOnlyMap;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.hatchery.feedback.DriftSignal;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.ModelHealth;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.Subscription;
import dev.hatchery.scorer.FirstPrediction;
import dev.hatchery.scorer.LoadedModel;
import dev.hatchery.scorer.ScorerMaps;
import dev.hatchery.trainer.Probation;
import dev.hatchery.trainer.TrainerMaps;
import dev.hatchery.trainer.TrainingReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Prints the loop's steps as they happen — drift detected, training started and finished,
 * version registered and published, first prediction of a version — and keeps what the
 * summary needs. Each line starts with how many events the producer had written by then.
 */
final class Timeline implements AutoCloseable {

    private final PrintStream out;
    private final LongSupplier produced;
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private final List<DriftSignal> signals = new CopyOnWriteArrayList<>();
    private final List<FirstPrediction> firstPredictions = new CopyOnWriteArrayList<>();

    Timeline(PrintStream out, LongSupplier produced) {
        this.out = out;
        this.produced = produced;
    }

    void follow(HazelcastInstance hazelcast) {
        ModelRegistry registry = ModelRegistry.on(hazelcast);
        Subscription registrations = registry.onRegistration(v -> line("registered %s (%s, %d training rows, holdout "
                + "accuracy %.4f, sha-256 %s…)", v.key(), v.method(), v.trainingRows(), v.holdoutAccuracy(),
                v.sha256().substring(0, 12)));
        Subscription deployments = registry.onDeployment(d -> line("%s %s/v%d at epoch %d by %s: %s",
                d.action() == dev.hatchery.registry.Deployment.Action.PUBLISH ? "published" : "rolled back to",
                d.model(), d.version(), d.epoch(), d.by(), d.reason()));
        unsubscribe.add(registrations::close);
        unsubscribe.add(deployments::close);
        onPut(FeedbackMaps.ReadOnly.driftSignals(hazelcast), signal -> {
            signals.add(signal);
            line("drift detected on %s/v%d at event %s (signal #%d, error rate %.3f)", signal.model(), signal.version(),
                    signal.detectedAtEventId(), signal.sequence(), signal.errorRate());
        });
        onPut(TrainerMaps.ReadOnly.trainingRuns(hazelcast), this::training);
        onPut(TrainerMaps.ReadOnly.probations(hazelcast), probation -> {
            if (!probation.status().equals(Probation.WATCHING)) {
                line("probation of %s/v%d: %s (%s)", probation.model(), probation.version(), probation.status(),
                        probation.detail());
            }
        });
        onPut(ScorerMaps.ReadOnly.firstPredictions(hazelcast), first -> {
            firstPredictions.add(first);
            line("first prediction by %s/v%d (epoch %d): event %s", first.model(), first.version(), first.epoch(),
                    first.eventId());
        });
    }

    private void training(TrainingReport run) {
        TrainingReport.Versions versions = run.versions();
        TrainingReport.Comparison comparison = run.comparison();
        switch (run.status()) {
            case RUNNING -> line("training started for %s (serving v%d): %s", run.model(),
                    versions.championVersion(), run.trigger());
            case FAILED, TIMED_OUT, INTERRUPTED -> line(
                    "training %s for %s: %s; v%d keeps serving", run.status(), run.model(), run.detail(),
                    versions.championVersion());
            case SHADOW -> line("training finished for %s: v%d scores in shadow beside v%d (holdout"
                    + " %.4f vs %.4f)", run.model(), versions.newVersion(), versions.championVersion(),
                    comparison.challengerAccuracy(), comparison.championAccuracy());
            case DEPLOYED, KEPT -> line("training finished for %s: %s on %d rows in %d ms; %s accuracy challenger %.4f vs "
                            + "champion v%d %.4f → %s", run.model(), run.challenger().algorithm(),
                    run.window().trainingRows(), run.challenger().trainMillis(),
                    comparison.shadowEvents() > 0 ? "live (shadow, " + comparison.shadowEvents() + " events)" : "holdout",
                    comparison.challengerAccuracy(), versions.championVersion(), comparison.championAccuracy(),
                    run.status() == TrainingReport.Status.DEPLOYED ? "deploy v" + versions.newVersion()
                            : "keep v" + versions.championVersion());
        }
    }

    /**
     * The periodic line: how much is scored, which version serves, and how the version whose
     * labels have come in is doing (labels lag, so just after a swap that is the previous one).
     */
    void window(long scored, @Nullable LoadedModel serving, @Nullable ModelHealth health) {
        String servingText = serving == null ? "nothing serving" : "serving v" + serving.version() + " (epoch "
                + serving.epoch() + ")";
        if (health == null) {
            line("scored %,d | %s | no labelled outcomes yet", scored, servingText);
        } else {
            line("scored %,d | %s | v%d rolling accuracy %.3f on its last labelled outcomes | detector %s", scored,
                    servingText, health.version(), health.rollingAccuracy(), health.state());
        }
    }

    List<DriftSignal> signals() {
        return List.copyOf(signals);
    }

    List<FirstPrediction> firstPredictions() {
        return List.copyOf(firstPredictions);
    }

    synchronized void line(String format, Object... args) {
        out.printf("[%,9d events] %s%n", produced.getAsLong(), String.format(format, args));
    }

    private <V> void onPut(ReadOnlyMap<String, V> map, Consumer<V> consumer) {
        UUID id = map.addEntryListener(new Puts<>(consumer), true);
        unsubscribe.add(() -> map.removeEntryListener(id));
    }

    @Override
    public void close() {
        unsubscribe.forEach(Runnable::run);
    }

    private record Puts<V>(Consumer<V> consumer) implements EntryAddedListener<String, V>, EntryUpdatedListener<String, V> {
        @Override
        public void entryAdded(EntryEvent<String, V> event) {
            consumer.accept(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, V> event) {
            consumer.accept(event.getValue());
        }
    }
}
