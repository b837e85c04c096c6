package dev.hatchery.ops.command;

import dev.hatchery.scorer.Redrive;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code redrive}: sends a model's dead-lettered events back to scoring, once what sent them
 * there is mended (typically: the events came before the model had a version).
 */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Send a model's dead-lettered events back to scoring (those still in the events map).")
public final class RedriveCommand implements Callable<Integer> {

    @Mixin
    ModelChange change;

    @Spec
    CommandSpec spec;

    @Option(names = "--reason-contains", paramLabel = "TEXT",
            description = "only the dead letters whose reason contains TEXT (default: all of the model's events')")
    @Nullable String reasonContains;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why, for the audit")
    String reason;

    @Override
    public Integer call() {
        String model = change.model();
        try (OperatorClient client = change.connect()) {
            Redrive redrive = client.audited(model, "redrive", reason, () -> {
                // Without a version to serve, every event would come straight back.
                int serving = client.deployed(model).version();
                return Redrive.deadLetters(client.hazelcast(), model, reasonContains,
                        client.trainer().trainedOn(model, serving));
            }, RedriveCommand::describe);
            spec.commandLine().getOut().println("model '" + model + "': " + describe(redrive));
            return ExitCode.OK.code();
        }
    }

    private static String describe(Redrive redrive) {
        return "re-sent " + redrive.resent() + " dead-lettered event(s) to scoring"
                + (redrive.withoutEvent() == 0 ? "" : "; kept " + redrive.withoutEvent()
                        + " dead letter(s) whose event is no longer in the events map")
                + (redrive.trainedOn() == 0 ? "" : "; kept " + redrive.trainedOn() + " dead letter(s) of events the"
                        + " serving version trained on: scored, they would grade it on its own training rows");
    }
}
