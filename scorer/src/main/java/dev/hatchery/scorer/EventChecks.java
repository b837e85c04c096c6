package dev.hatchery.scorer;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** What makes an event unscorable before any model looks at it. */
final class EventChecks {

    private EventChecks() {
    }

    /** The problem with {@code event}, or null if a model may score it. */
    static @Nullable String problem(Event event) {
        if (event.id() == null || event.id().isBlank()) {
            return "event has no id";
        }
        if (event.model() == null || event.model().isBlank()) {
            return "event " + event.id() + " names no model";
        }
        double[] features = event.features();
        if (features == null || features.length == 0) {
            return "event " + event.id() + " has no features";
        }
        for (int i = 0; i < features.length; i++) {
            if (!Double.isFinite(features[i])) {
                return "event " + event.id() + " has a non-finite value " + features[i] + " at feature " + i;
            }
        }
        return null;
    }

    static String render(Event event) {
        return "Event[id=" + event.id() + ", model=" + event.model() + ", features="
                + Arrays.toString(event.features()) + ", timeMillis=" + event.timeMillis() + "]";
    }
}
