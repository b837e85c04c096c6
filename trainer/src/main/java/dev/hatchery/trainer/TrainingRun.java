package dev.hatchery.trainer;

import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.Pin;
import dev.hatchery.registry.Registration;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.trainer.TrainingReport.Status;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run of one model, on the member holding the model's lease. The window is read,
 * the challenger fitted and compared with the champion on another thread, within the policy's
 * time limit; only then, back on the lease's thread, is anything registered or published.
 * Whatever happens, the run ends with a report, and a failure changes nothing that serves.
 */
final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private final RunContext context;
    private final TrainingPolicy policy;
    private final TrainingRequest request;
    private final String model;
    private final Trigger trigger;
    private final String runId;
    private final long startedAtMillis;
    private final long signalAtStart;
    private final long conceptStart;

    /** What the fit stage found; null until it is done. */
    private @Nullable Fitted fitted;

    /**
     * The challenger, its data, its comparison with the champion and the gate's decision on it
     * (before any drift veto); and, when the gate lets it through and refits, the same fit on the
     * whole window ({@code refit}, null otherwise).
     */
    private record Fitted(OutcomeWindow window, TrainingData train, TrainedModel challenger,
            @Nullable TrainedModel refit, TrainingData all, FitOptions options, int searchTrials, long trainMillis,
            HeadToHead holdout, GateDecision decided) {

        TrainedModel registered() {
            return refit == null ? challenger : refit;
        }

        TrainingData registeredRows() {
            return refit == null ? train : all;
        }
    }

    TrainingRun(RunContext context, TrainingRequest request, long conceptStart) {
        this.context = context;
        this.request = request;
        this.model = request.model();
        this.policy = context.settings().policy(model);
        this.trigger = request.trigger();
        this.runId = context.newRunId(model);
        this.startedAtMillis = context.clock().millis();
        this.signalAtStart = context.latestSignal(model);
        this.conceptStart = conceptStart;
    }

    String runId() {
        return runId;
    }

    TrainingReport call() {
        ModelRegistry registry = context.registry();
        Deployment serving = registry.deployment(model).orElseThrow(() -> new IllegalStateException(
                "model '" + model + "' is not deployed: bootstrap it first"));
        context.reports().write(report(Status.RUNNING, serving, 0, 0, ""));
        TrainingReport report;
        try {
            report = decide(registry, serving, fitWithinLimit(serving));
        } catch (TimeoutException e) {
            LOG.warn("training run {} of '{}' timed out after {} ms; v{} keeps serving", runId, model,
                    policy.timeLimitMillis(), serving.version());
            report = report(Status.TIMED_OUT, serving, 0, 0, "no challenger within trainer.timeLimitMillis ("
                    + policy.timeLimitMillis() + " ms); v" + serving.version() + " keeps serving");
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // A member shutting down interrupts its training threads: expected, so no stack trace.
                LOG.info("training run {} of '{}' stopped: {}; v{} keeps serving", runId, model, e.getMessage(),
                        serving.version());
            } else {
                LOG.warn("training run {} of '{}' failed; v{} keeps serving", runId, model, serving.version(), e);
            }
            report = report(Status.FAILED, serving, 0, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Fitted done = fitted;
        context.memory().remember(model, done == null ? null : done.window(), report.status() == Status.DEPLOYED
                || report.status() == Status.SHADOW);
        context.reports().write(report, trigger);
        return report;
    }

    private Fitted fitWithinLimit(Deployment serving) throws TimeoutException {
        Future<Fitted> fit = context.fitThreads().submit(() -> fit(serving));
        try {
            fitted = fit.get(policy.timeLimitMillis(), TimeUnit.MILLISECONDS);
            return fitted;
        } catch (InterruptedException e) {
            fit.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training run interrupted (member shutting down?)", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            // Smile does not stop when interrupted; the fit finishes in the background and is dropped.
            fit.cancel(true);
            throw e;
        }
    }

    private Fitted fit(Deployment serving) {
        OutcomeWindow read = OutcomeWindow.read(context.outcomes(), model, policy.window(), conceptStart);
        if (read.size() < policy.window().minRows()) {
            throw new IllegalStateException("the window (" + policy.window().describe() + ") holds " + read.size()
                    + " outcomes, fewer than trainer.window.minRows " + policy.window().minRows());
        }
        OutcomeWindow.Split split = read.holdingOut(Math.max(1, (int) Math.round(read.size() * policy.holdoutFraction())),
                context.trainedOn(model, serving.version()));
        if (split.holdoutRows() == 0) {
            throw new IllegalStateException("v" + serving.version() + " trained on every one of the window's "
                    + read.size() + " outcomes, so none can judge it against a challenger: wait for newer labelled events");
        }
        OutcomeWindow window = split.window();
        ModelVersion champion = context.registry().version(model, serving.version()).orElseThrow();
        TrainingData data = window.toData(champion.features(), champion.classes());
        int holdoutRows = split.holdoutRows();
        TrainingData train = data.slice(0, data.size() - holdoutRows);
        TrainingData holdout = data.slice(data.size() - holdoutRows, data.size());
        long fitStart = context.clock().millis();
        // The search validates on the newest training rows, never on the holdout the gate decides on.
        SearchResult search = HyperparameterSearch.search(train, policy.algorithm(), policy.fit(), policy.recency(),
                policy.search());
        TrainedModel challenger = ModelFit.fit(train, policy.algorithm(), search.best(), policy.recency());
        HeadToHead comparison = HeadToHead.of(challenger, context.champion(model, serving.version()),
                holdout);
        GateDecision decided = GateDecision.decide(comparison, policy.gate());
        // Refitted here, within the time limit; a drift veto in `decide` may still leave it unused.
        TrainedModel refit = policy.gate().refit() && decided instanceof GateDecision.Deploy
                ? ModelFit.fit(data, policy.algorithm(), search.best(), policy.recency()) : null;
        long trainMillis = context.clock().millis() - fitStart;
        return new Fitted(window, train, challenger, refit, data, search.best(), search.trialsRun(), trainMillis,
                comparison, decided);
    }

    private TrainingReport decide(ModelRegistry registry, Deployment serving, Fitted result) {
        GateDecision decided = result.decided();
        // With the gate off every challenger deploys: no veto either.
        GateDecision decision = !policy.gate().enabled() ? decided : decided.unlessDriftedMeanwhile(signalAtStart,
                context.latestSignal(model), trigger, context.driftBeganAfter(model, result.window().endEventTime()));
        return switch (decision) {
            case GateDecision.Deploy deploy -> {
                int version = context.versions().register(new Registration(model, result.registered(), result.registeredRows().size(),
                        result.holdout().challengerAccuracy(), runId), result.registeredRows(), runId,
                        result.window().eventIds()).version();
                String reason = deploy.reason() + (result.refit() == null ? "" : "; refitted on all "
                        + result.all().size() + " rows of the window, the holdout's " + result.holdout().rows() + " included");
                Optional<Pin> pin = registry.pinned(model);
                if (pin.isPresent()) {
                    yield report(Status.KEPT, serving, version, 0, reason + "; registered as v" + version
                            + ", not deployed: the model is " + pin.get().describe() + " (publish it by hand, or unpin)");
                }
                if (policy.shadow().enabled()) {
                    context.shadows().start(model, version, trigger.describe());
                    yield report(Status.SHADOW, serving, version, 0, reason + "; v" + version
                            + " scores in shadow until " + policy.shadow().minEvents() + " labelled events decide");
                }
                Deployment published = registry.publish(model, version, context.actor(), trigger.describe()
                        + String.format("; holdout accuracy %.4f vs v%d %.4f", result.holdout().challengerAccuracy(),
                                serving.version(), result.holdout().championAccuracy()));
                context.deployed(published);
                yield report(Status.DEPLOYED, serving, version, published.epoch(), reason);
            }
            case GateDecision.Keep keep -> {
                context.versions().keepRows(runId, result.window().eventIds());
                yield report(Status.KEPT, serving, 0, 0, keep.reason());
            }
        };
    }

    private TrainingReport report(Status status, Deployment serving, int newVersion, long epoch, String detail) {
        Fitted done = fitted;
        OutcomeWindow window = done == null ? new OutcomeWindow(List.of()) : done.window();
        HeadToHead holdout = done == null ? HeadToHead.NONE : done.holdout();
        var challenger = new TrainingReport.Challenger(policy.algorithm().id(),
                (done == null ? policy.fit() : done.options()).toText(), policy.fit().seed(),
                policy.recency().halfLifeRows(), done == null ? 0 : done.searchTrials(),
                done == null ? 0 : done.trainMillis());
        var rows = new TrainingReport.Window(policy.window().describe(), window.startEventTime(),
                window.endEventTime(), trainedRows(done, newVersion), holdout.rows(), done == null ? "" : window.sha256());
        // Shadow events count only once a trial decides (TrainingReport.judgedInShadow).
        var comparison = new TrainingReport.Comparison(holdout.challengerAccuracy(), holdout.championAccuracy(),
                holdout.challengerOnly(), holdout.championOnly(), done == null ? Double.NaN : holdout.pValue(), 0);
        return new TrainingReport(runId, request.requestId(), model, trigger.kind(), trigger.describe(), status,
                challenger, rows, comparison, new TrainingReport.Versions(serving.version(), newVersion, epoch), detail,
                context.member(), startedAtMillis, status.finished() ? context.clock().millis() : 0);
    }

    /** The rows the run's model trained on: a refit's whole window once it registered, else the training part. */
    private static int trainedRows(@Nullable Fitted done, int newVersion) {
        if (done == null) {
            return 0;
        }
        return newVersion > 0 ? done.registeredRows().size() : done.train().size();
    }
}
