package dev.hatchery.ops.command;

import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every command that acts on one model takes: where the cluster is, who is acting (for the
 * audit) and the model. Shared by those commands as a picocli mixin.
 */
public final class ModelChange {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ActorOption actor;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "the model's name")
    String model;

    String model() {
        return model;
    }

    /** Connects as the acting operator, or fails within the timeout. */
    OperatorClient connect() {
        return connection.connect(actor.actor());
    }

    /** As {@link #connect}, with a client that rides out a member's loss: for a command that streams writes. */
    OperatorClient connectWriter() {
        return connection.connectWriter(actor.actor());
    }

    /** {@code --timeout}: how long to wait for the cluster. */
    Duration timeout() {
        return connection.timeout();
    }
}
