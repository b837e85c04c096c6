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

/**
 * {@code rollback}: back to the version that served before (or a named one), pinned there unless
 * {@code --keep-automatic} ({@link StickyMove}), then waits for every member.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Serve the previous version again (or --to VERSION) and pin the model to it, and wait until"
                + " every member serves it.")
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

    @Option(names = "--keep-automatic",
            description = "do not pin the model: the trainer may deploy a newer version over this one (default: pin"
                    + " it to this version until './hatchery unpin')")
    boolean keepAutomatic;

    @Override
    public Integer call() {
        String model = change.model();
        try (OperatorClient client = change.connect()) {
            String command = "rollback" + (to == null ? "" : " --to " + to) + (keepAutomatic ? " --keep-automatic" : "");
            StickyMove done = client.audited(model, command, reason,
                    () -> StickyMove.make(client, model, "rollback to", reason, keepAutomatic, () -> rollBack(client)),
                    StickyMove::auditText);
            Duration took = done.await(client, Duration.ofSeconds(waitTimeoutSeconds));
            Deployment now = done.deployment();
            spec.commandLine().getOut().printf(Locale.ROOT, "rolled back '%s' to v%d (epoch %d); all %d members serve it"
                    + " after %.3f s%n%s%n", model, now.version(), now.epoch(),
                    MemberRollout.of(client.hazelcast(), now).members(), took.toNanos() / 1e9, done.pinText());
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
