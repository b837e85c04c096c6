package dev.hatchery.trainer;

import java.io.Serial;
import java.io.Serializable;

/**
 * A run asked for: by a trigger on some member, or by an operator. Kept in the cluster until a
 * run has finished for it, so that a run whose member dies is run again by another.
 */
public record TrainingRequest(String requestId, String model, Trigger trigger, long requestedAtMillis,
        String requestedOn) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
}
