package dev.hatchery.ops.command;

import dev.hatchery.registry.Deployment;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollback}: back to the version that served before (or a named one), then waits for every member. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Serve the previous version again (or --to VERSION), and wait until every member serves it.")
public final class RollbackCommand implements Callable<Integer> {

    @Mixin
    ModelChange change;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", paramLabel = "VERSION", description = "the version to return to (default: the one before)")
    @Nullable Integer to;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why, for the history and audit")
    String reason;

    @Option(names = "--wait-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long to wait for every member to serve it (default: ${DEFAULT-VALUE} s)")
    int waitTimeoutSeconds;

    @Override
    public Integer call() {
        String model = change.model();
        try (OperatorClient client = change.connect()) {
            String command = "rollback" + (to == null ? "" : " --to " + to);
            Deployment done = client.audited(model, command, reason, () -> rollBack(client),
                    d -> "now v" + d.version() + " at epoch " + d.epoch());
            Duration took = MemberRollout.await(client.hazelcast(), done, Duration.ofSeconds(waitTimeoutSeconds));
            spec.commandLine().getOut().printf(Locale.ROOT, "rolled back '%s' to v%d (epoch %d); all %d members serve it"
                    + " after %.3f s%n", model, done.version(), done.epoch(),
                    MemberRollout.of(client.hazelcast(), done).members(), took.toNanos() / 1e9);
            return ExitCode.OK.code();
        }
    }

    private Deployment rollBack(OperatorClient client) {
        String model = change.model();
        Deployment current = client.deployed(model);
        if (to == null) {
            try {
                return client.registry().rollback(model, client.actor(), reason);
            } catch (IllegalStateException e) {
                throw new CommandFailure(ExitCode.NOTHING_TO_ROLL_BACK, e.getMessage()
                        + ": promote a newer version instead, or retrain");
            }
        }
        client.version(model, to);
        Refusals.failIfRefused(client, model, to);
        if (current.version() == to) {
            throw new CommandFailure(ExitCode.ALREADY_SERVING, "v" + to + " already serves model '" + model
                    + "' (epoch " + current.epoch() + "): nothing to roll back to; see './hatchery history --model "
                    + model + "'");
        }
        return client.registry().rollback(model, to, client.actor(), reason);
    }
}
