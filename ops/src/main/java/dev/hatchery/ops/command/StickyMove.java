package dev.hatchery.ops.command;

import dev.hatchery.registry.Deployment;
import dev.hatchery.registry.Pin;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An operator's move of a model's deployment pointer (a rollback or a promote) that sticks:
 * unless they keep automatic deployment, the model is pinned to the version they chose, since
 * otherwise the trainer's next winning challenger would undo their choice seconds later. The
 * pointer moves first and the pin follows only once it has moved, so a refused move leaves the
 * model's pin as it was.
 *
 * @param pin what the move did to the model's pin
 */
record StickyMove(Deployment deployment, PinChange pin) {

    /** What a move did to the model's pin. */
    sealed interface PinChange {
    }

    /** Pinned to the version moved to. */
    record Pinned(Pin pin) implements PinChange {
    }

    /**
     * Pinned to the version moved to, in place of the pin the model had: the pin is the
     * operator's now, with their reason, since it holds the version they chose.
     */
    record Repinned(Pin pin, Pin replaced) implements PinChange {
    }

    /** {@code --keep-automatic} on a model pinned already: that pin stands, as it was. */
    record LeftPinned(Pin pin) implements PinChange {
    }

    /** {@code --keep-automatic}: automatic deployment goes on. */
    record NotPinned() implements PinChange {
    }

    /**
     * Makes {@code move} and then, unless {@code keepAutomatic}, pins the model for the operator
     * with a reason that names the action, the version and epoch, and the operator's reason. A
     * {@link CommandFailure} of the move passes on with the pins untouched.
     *
     * @param action how the pin's reason names the move, e.g. "rollback to" or "promote of"
     */
    static StickyMove make(OperatorClient client, String model, String action, String reason, boolean keepAutomatic,
            Supplier<Deployment> move) {
        Optional<Pin> before = client.registry().pinned(model);
        Deployment moved = move.get();
        if (keepAutomatic) {
            return new StickyMove(moved, before.<PinChange>map(LeftPinned::new).orElseGet(NotPinned::new));
        }
        String why = action + " v" + moved.version() + " (epoch " + moved.epoch() + "): " + reason;
        Pin pin;
        try {
            pin = client.registry().repin(model, client.actor(), why);
        } catch (RuntimeException e) {
            throw new CommandFailure(ExitCode.FAILED, "model '" + model + "' now serves v" + moved.version()
                    + " at epoch " + moved.epoch() + ", but pinning it failed (" + e.getMessage() + "): pin it with"
                    + " './hatchery pin --model " + model + " --reason TEXT', or the trainer may deploy over it", e);
        }
        return new StickyMove(moved, before.<PinChange>map(replaced -> new Repinned(pin, replaced))
                .orElseGet(() -> new Pinned(pin)));
    }

    /**
     * Waits like {@link MemberRollout#await} for every member to serve the version; its failure
     * says what became of the pin too, since the pin stands whether or not the members follow.
     */
    Duration await(OperatorClient client, Duration timeout) {
        try {
            return MemberRollout.await(client.hazelcast(), deployment, timeout);
        } catch (CommandFailure e) {
            throw new CommandFailure(e.exitCode(), e.getMessage() + "; " + pinText(), e);
        }
    }

    /** The move and the pin, for the audit entry's result. */
    String auditText() {
        String moved = "now v" + deployment.version() + " at epoch " + deployment.epoch() + "; ";
        return moved + switch (pin) {
            case Pinned p -> "pinned";
            case Repinned r -> "re-pinned (was " + r.replaced().describe() + ")";
            case LeftPinned l -> "left " + l.pin().describe() + " (--keep-automatic)";
            case NotPinned n -> "not pinned (--keep-automatic)";
        };
    }

    /** What became of the pin and how to resume automatic deployment, for the operator. */
    String pinText() {
        String model = deployment.model();
        String unpin = "'./hatchery unpin --model " + model + "' resumes automatic deployment";
        return switch (pin) {
            case Pinned p -> "pinned '" + model + "' to v" + deployment.version() + ": nothing automatic deploys to it;"
                    + " " + unpin;
            case Repinned r -> "re-pinned '" + model + "' to v" + deployment.version() + " for this reason, replacing"
                    + " the pin by " + r.replaced().by() + " (" + r.replaced().reason() + "); " + unpin;
            case LeftPinned l -> "'" + model + "' stays " + l.pin().describe() + " (--keep-automatic adds no pin and"
                    + " lifts none); " + unpin;
            case NotPinned n -> "not pinned (--keep-automatic): the trainer may deploy a newer version of '" + model
                    + "' automatically";
        };
    }
}
