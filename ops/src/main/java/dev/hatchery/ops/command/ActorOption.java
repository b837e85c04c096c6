package dev.hatchery.ops.command;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --actor}: who is changing something, for the audit; the OS user if not given. */
public final class ActorOption {

    @Option(names = "--actor", paramLabel = "NAME", description = "who you are, for the audit (default: the OS user)")
    @Nullable String actor;

    public String actor() {
        return actor == null || actor.isBlank() ? System.getProperty("user.name", "unknown") : actor;
    }
}
