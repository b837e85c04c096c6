package dev.hatchery.ops.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code schedule pause|resume}: stops or restarts a model's automatic training runs (schedule,
 * drift, refresh) on every member; an operator's {@code retrain} still runs while paused.
 * Resuming a model that is not paused changes nothing.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Pause or resume a model's automatic training (operators' retrain requests still run).")
public final class ScheduleCommand implements Callable<Integer> {

    /** What to do with the schedule. */
    public enum Action { PAUSE, RESUME }

    @Mixin
    ModelChange change;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "pause|resume")
    Action action;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "", description = "why, for the status and audit")
    String reason;

    @Override
    public Integer call() {
        String model = change.model();
        try (OperatorClient client = change.connect()) {
            String line = client.audited(model, "schedule " + action.name().toLowerCase(java.util.Locale.ROOT), reason,
                    () -> {
                        client.deployed(model);
                        return switch (action) {
                            case PAUSE -> {
                                client.trainer().pause(model, client.actor(), reason);
                                yield "automatic training of '" + model + "' paused on every member";
                            }
                            case RESUME -> client.trainer().resume(model)
                                    ? "automatic training of '" + model + "' resumed"
                                    : "automatic training of '" + model + "' was not paused: nothing changed";
                        };
                    }, text -> text);
            spec.commandLine().getOut().println(line);
            return ExitCode.OK.code();
        }
    }
}
