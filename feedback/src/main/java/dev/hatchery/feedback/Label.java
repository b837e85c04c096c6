package dev.hatchery.feedback;

import org.jspecify.annotations.Nullable;

/**
 * The true label of an event, as the outside world reports it, in the model's class words.
 * Producers in any language write it as the Compact type {@value LabelSerializer#TYPE_NAME}
 * ({@link LabelSerializer#SHAPE}); fields may be null when written so, which {@link #problem}
 * catches before the join.
 *
 * @param eventId    the event it labels, the key of its prediction
 * @param timeMillis when the label became known
 */
public record Label(@Nullable String eventId, @Nullable String model, @Nullable String label, long timeMillis) {

    /** What makes this label unusable before any prediction is looked at, or null. */
    @Nullable String problem() {
        if (eventId == null || eventId.isBlank()) {
            return "label names no event (event_id)";
        }
        if (model == null || model.isBlank()) {
            return "label of event " + eventId + " names no model";
        }
        if (label == null || label.isBlank()) {
            return "label of event " + eventId + " has no label";
        }
        return null;
    }
}
