package dev.hatchery.ops.command;

import dev.hatchery.registry.Pin;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pin}: nothing automatic deploys to the model until it is unpinned. */
@Command(name = "pin", mixinStandardHelpOptions = true,
        description = "Pin a model: nothing automatic deploys to it (training still runs and records its decisions).")
public final class PinCommand implements Callable<Integer> {

    @Mixin
    ModelChange change;

    @Spec
    CommandSpec spec;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why, for the status and audit")
    String reason;

    @Override
    public Integer call() {
        String model = change.model();
        try (OperatorClient client = change.connect()) {
            Pin pin = client.audited(model, "pin", reason, () -> {
                client.deployed(model);
                try {
                    return client.registry().pin(model, client.actor(), reason);
                } catch (IllegalStateException e) {
                    // The registry's message says who pinned it, why, and to unpin first.
                    throw new CommandFailure(ExitCode.ALREADY_PINNED, e.getMessage());
                }
            }, p -> "pinned");
            spec.commandLine().getOut().println("model '" + model + "' " + pin.describe());
            return ExitCode.OK.code();
        }
    }
}
