package dev.hatchery.ops.command;

import dev.hatchery.trainer.TrainingReport;
import dev.hatchery.trainer.TrainingRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code retrain}: asks the cluster for a training run of a model now (paused or not); the first
 * member to check takes it. With {@code --wait}, returns once the run has finished and prints its
 * decision.
 */
@Command(name = "retrain", mixinStandardHelpOptions = true,
        description = "Ask for a training run now; with --wait, wait for its decision.")
public final class RetrainCommand implements Callable<Integer> {

    @Mixin
    ModelChange change;

    @Spec
    CommandSpec spec;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "operator request", description = "why, for the run's report and the audit")
    String reason;

    @Option(names = "--wait", description = "wait until a member has finished the run, and print its decision")
    boolean await;

    @Option(names = "--wait-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "how long --wait waits (default: ${DEFAULT-VALUE} s)")
    int waitTimeoutSeconds;

    @Override
    public Integer call() {
        String model = change.model();
        try (OperatorClient client = change.connect()) {
            TrainingRequest request = client.audited(model, "retrain", reason, () -> {
                client.deployed(model);
                return client.trainer().request(model, client.actor(), reason, client.hazelcast().getName());
            }, r -> "requested run " + r.requestId());
            var out = spec.commandLine().getOut();
            if (!await) {
                out.println("requested a training run of '" + model + "' (request " + request.requestId()
                        + "); a member takes it at its next check: see './hatchery status --model " + model + "'");
                return ExitCode.OK.code();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitTimeoutSeconds);
            Optional<TrainingReport> report;
            while ((report = client.trainer().report(request.requestId())).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new CommandFailure(ExitCode.TIMED_OUT, "no member finished the training of '" + model
                            + "' within " + waitTimeoutSeconds + " s; request " + request.requestId()
                            + " stays pending: see './hatchery status --model " + model + "' or training_runs");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            TrainingReport run = report.get();
            out.printf(Locale.ROOT, "training run %s of '%s': %s%s in %d ms; %s%n", run.runId(), model, run.status(),
                    run.versions().newVersion() > 0 ? " v" + run.versions().newVersion() : "", run.durationMillis(),
                    run.detail());
            boolean failed = switch (run.status()) {
                case FAILED, TIMED_OUT -> true;
                // An interrupted run is not the request's answer: report() waits for the run that retries it.
                case RUNNING, SHADOW, DEPLOYED, KEPT, INTERRUPTED -> false;
            };
            return (failed ? ExitCode.RUN_FAILED : ExitCode.OK).code();
        }
    }
}
