package dev.hatchery.registry;

import java.util.Objects;

/**
 * One change an operator (or a probation acting for one) asked for, and what came of it,
 * including refusals: who, when, which command, why, and the result.
 */
public record AuditEntry(String model, long atMillis, String actor, String command, String reason, String result) {

    public AuditEntry {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(result, "result");
    }
}
