package dev.hatchery.ops.command;

import dev.hatchery.registry.Refusal;
import java.util.List;

/** The refusals by members' holders that stop an operator from sending a version to them. */
final class Refusals {

    private Refusals() {
    }

    /** {@link ExitCode#VERSION_REFUSED} if any member refused this version, at any epoch or while staging it. */
    static void failIfRefused(OperatorClient client, String model, int version) {
        List<Refusal> refusals = client.registry().refusals(model).stream()
                .filter(r -> r.version() == version && !r.reason().startsWith("as shadow")).toList();
        if (!refusals.isEmpty()) {
            Refusal last = refusals.getLast();
            throw new CommandFailure(ExitCode.VERSION_REFUSED, "model '" + model + "' v" + version + " was refused by "
                    + refusals.size() + " member(s), last by " + last.member() + ": " + last.reason()
                    + "; it would not serve there: pick another version (./hatchery history --model " + model + ")");
        }
    }
}
