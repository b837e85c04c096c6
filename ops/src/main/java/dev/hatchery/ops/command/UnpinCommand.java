package dev.hatchery.ops.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unpin}: automatic deployment of the model may resume. Unpinning a model that is not pinned changes nothing. */
@Command(name = "unpin", mixinStandardHelpOptions = true, description = "Lift a model's pin: automatic deployment resumes.")
public final class UnpinCommand implements Callable<Integer> {

    @Mixin
    ModelChange change;

    @Spec
    CommandSpec spec;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "", description = "why, for the audit")
    String reason;

    @Override
    public Integer call() {
        String model = change.model();
        try (OperatorClient client = change.connect()) {
            boolean was = client.audited(model, "unpin", reason, () -> {
                client.deployed(model);
                return client.registry().unpin(model, client.actor(), reason);
            }, unpinned -> unpinned ? "unpinned" : "was not pinned: nothing changed");
            spec.commandLine().getOut().println(was ? "model '" + model + "' unpinned: automatic deployment resumes"
                    : "model '" + model + "' was not pinned: nothing changed");
            return ExitCode.OK.code();
        }
    }
}
