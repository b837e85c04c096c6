package dev.hatchery.ops.command;

import dev.hatchery.registry.Deployment;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code promote}: publishes a registered version, pinned there unless {@code --keep-automatic}
 * ({@link StickyMove}), then waits for every member to serve it.
 */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Serve a registered version (a publish with a new epoch) and pin the model to it, and wait until"
                + " every member serves it.")
public final class PromoteCommand implements Callable<Integer> {

    @Mixin
    ModelChange change;

    @Spec
    CommandSpec spec;

    @Option(names = "--version", required = true, paramLabel = "VERSION")
    int version;

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
            String command = "promote --version " + version + (keepAutomatic ? " --keep-automatic" : "");
            StickyMove done = client.audited(model, command, reason,
                    () -> StickyMove.make(client, model, "promote of", reason, keepAutomatic, () -> promote(client)),
                    StickyMove::auditText);
            Duration took = done.await(client, Duration.ofSeconds(waitTimeoutSeconds));
            Deployment now = done.deployment();
            spec.commandLine().getOut().printf(Locale.ROOT, "promoted '%s' v%d (epoch %d); all %d members serve it"
                    + " after %.3f s%n%s%n", model, now.version(), now.epoch(),
                    MemberRollout.of(client.hazelcast(), now).members(), took.toNanos() / 1e9, done.pinText());
            return ExitCode.OK.code();
        }
    }

    private Deployment promote(OperatorClient client) {
        String model = change.model();
        Deployment current = client.deployed(model);
        client.version(model, version);
        if (current.version() == version) {
            throw new CommandFailure(ExitCode.ALREADY_SERVING, "v" + version + " already serves model '" + model
                    + "' (epoch " + current.epoch() + "): nothing to promote");
        }
        Refusals.failIfRefused(client, model, version);
        return client.registry().publish(model, version, client.actor(), reason);
    }
}
