package dev.hatchery.trainer;

import java.io.Serial;
import java.io.Serializable;

/** The run a member is doing for a model, recorded while it runs: if the member dies, another finds it here. */
record ActiveRun(String runId, TrainingRequest request, String member, long startedAtMillis) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
}
