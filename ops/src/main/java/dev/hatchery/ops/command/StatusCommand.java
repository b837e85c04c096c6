package dev.hatchery.ops.command;

import dev.hatchery.registry.Deployment;
import dev.hatchery.trainer.ModelDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code status}: what serves, how it does, what the trainer did and will do, per model. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Per model: serving version, health, drift, training, pause, pin, refusals and dead letters.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "one model (default: every model deployed, or defined and waiting for its first version)")
    @Nullable String model;

    @Override
    public Integer call() {
        try (OperatorClient client = connection.connect("status")) {
            List<ModelStatus> statuses = model == null ? every(client) : List.of(one(client, model));
            output.print(spec.commandLine().getOut(), statuses, () -> table(statuses));
            return ExitCode.OK.code();
        }
    }

    /** Deployed models, and defined ones that wait for their v1, by name. */
    private static List<ModelStatus> every(OperatorClient client) {
        List<ModelStatus> statuses = new ArrayList<>();
        Set<String> deployed = new HashSet<>();
        for (Deployment deployment : client.registry().deployments()) {
            deployed.add(deployment.model());
            statuses.add(StatusReader.read(client, deployment));
        }
        for (ModelDefinition definition : client.trainer().definitions()) {
            if (!deployed.contains(definition.model())) {
                statuses.add(StatusReader.readDefined(client, definition));
            }
        }
        statuses.sort(Comparator.comparing(ModelStatus::model));
        return statuses;
    }

    private static ModelStatus one(OperatorClient client, String model) {
        Optional<Deployment> deployment = client.registry().deployment(model);
        if (deployment.isPresent()) {
            return StatusReader.read(client, deployment.get());
        }
        // Neither deployed nor defined: deployed() refuses, naming the models there are.
        return client.trainer().definition(model).map(definition -> StatusReader.readDefined(client, definition))
                .orElseGet(() -> StatusReader.read(client, client.deployed(model)));
    }

    static String table(List<ModelStatus> statuses) {
        if (statuses.isEmpty()) {
            return "no model is deployed or defined in this cluster: replay data for one with './hatchery replay FILE"
                    + " --model NAME --label COLUMN'\n";
        }
        StringBuilder text = new StringBuilder();
        for (ModelStatus s : statuses) {
            Table t = Table.of("MODEL " + s.model(), "");
            ModelStatus.Serving v = s.serving();
            if (v == null) {
                waiting(t, s);
                text.append(t.render()).append('\n');
                continue;
            }
            t.row("serving", "v" + v.version() + " (epoch " + v.epoch() + ") since " + v.since() + ", " + v.action()
                    + " by " + v.by() + ": " + v.reason());
            t.row("members", v.membersServing() + " of " + v.members() + " serve it");
            jobs(t, s);
            ModelStatus.Health h = s.health();
            t.row("rolling accuracy", h == null ? "no labelled outcomes yet"
                    : Table.text(h.rollingAccuracy()) + " over " + h.outcomes() + " outcomes of v" + h.version()
                            + " (epoch " + h.epoch() + ")" + (h.epoch() == v.epoch() ? "" : ", not the serving epoch"));
            t.row("label coverage", s.labelCoverage() == null ? "nothing scored yet" : Table.text(s.labelCoverage()));
            t.row("detector", h == null ? "-" : h.detector()
                    + (h.lastDriftSignal() == null ? "" : "; last drift signal " + h.lastDriftSignal()));
            ModelStatus.DataDrift d = s.dataDrift();
            t.row("data drift", d == null ? "not checked yet" : (d.drifted() ? "DRIFTED (" + d.driftedFeatures() + ")"
                    : "none") + " on v" + d.version() + ", max PSI " + Table.text(d.maxPsi()) + " at " + d.checkedAt());
            ModelStatus.LastRun r = s.lastRun();
            t.row("last training run", r == null ? "none yet" : r.status() + (r.newVersion() > 0 ? " v" + r.newVersion()
                    : "") + " (" + r.trigger() + ", started " + r.started() + "): " + r.detail());
            ModelStatus.Probation p = s.probation();
            t.row("probation", p == null ? "none" : p.status() + " v" + p.version() + " (epoch " + p.epoch() + ")"
                    + (p.detail().isEmpty() ? "" : ": " + p.detail()));
            t.row("next scheduled run", s.nextRun());
            t.row("paused", hold(s.paused()));
            t.row("pinned", s.pinned() == null ? "no" : hold(s.pinned()) + "; './hatchery unpin --model " + s.model()
                    + "' resumes automatic deployment");
            t.row("mlflow sync lag", s.mlflowSyncLag());
            t.row("refused versions", s.refusals().isEmpty() ? "none" : s.refusals().stream()
                    .map(f -> "v" + f.version() + " by " + f.member() + ": " + f.reason()).toList().toString());
            deadLetters(t, s);
            text.append(t.render()).append('\n');
        }
        return text.toString();
    }

    /** A model with no version yet: what it waits for, and what its events met meanwhile. */
    private static void waiting(Table t, ModelStatus s) {
        t.row("serving", "no version yet");
        ModelStatus.FirstVersion first = s.firstVersion();
        if (first != null) {
            t.row("defined", "by " + first.definedBy() + " at " + first.definedAt() + ": features " + first.features()
                    + ", classes " + first.classes());
            t.row("first version", first.labelledEvents() >= first.minRows()
                    ? first.labelledEvents() + " labelled events are in: the members train v1 at their next check"
                    : "the members train v1 once " + first.minRows() + " of its events are labelled"
                            + " (trainer.window.minRows): " + first.labelledEvents() + " so far");
        }
        jobs(t, s);
        ModelStatus.LastRun r = s.lastRun();
        if (r != null) {
            t.row("last training run", r.status() + " (" + r.trigger() + ", started " + r.started() + "): " + r.detail());
        }
        deadLetters(t, s);
    }

    private static void jobs(Table t, ModelStatus s) {
        t.row("jobs", s.jobTroubles().isEmpty() ? "scoring and feedback run"
                : String.join("; ", s.jobTroubles()) + "; see 'hatchery jobs'");
    }

    private static String hold(ModelStatus.@Nullable Hold hold) {
        return hold == null ? "no" : "by " + hold.by() + " since " + hold.since()
                + (hold.reason().isBlank() ? "" : ": " + hold.reason());
    }

    private static void deadLetters(Table t, ModelStatus s) {
        ModelStatus.DeadLetters letters = s.deadLetters();
        t.row("dead letters", letters == null ? "none" : letters.count() + " event(s), the newest at "
                + letters.newestAt() + ": " + letters.newestReason() + "; once mended, 'hatchery redrive --model "
                + s.model() + "' re-sends those the serving version did not train on");
    }
}
