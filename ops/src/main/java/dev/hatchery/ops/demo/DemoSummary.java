package dev.hatchery.ops.demo;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the demo counted at its end.
 *
 * @param lost       events neither predicted nor dead-lettered
 * @param duplicated events whose prediction was written more than once
 */
public record DemoSummary(
        String source,
        long events,
        long predictions,
        long lost,
        long duplicated,
        long deadLetters,
        long versionsPublished,
        double accuracy,
        long durationMillis,
        List<Drift> drifts) {

    /**
     * One true drift point of the stream and how the loop answered it.
     *
     * @param detectedAtEvent       the event whose outcome made the detector signal, or null if missed
     * @param accuracyBefore        serving accuracy over the 2,000 events before the drift
     * @param accuracyAfterRecovery serving accuracy over the last 2,000 events before the next drift or the end
     * @param newVersion            the first version that scored an event after the drift was
     *                              detected (after the drift, if it was missed), or null
     */
    public record Drift(long atEvent, @Nullable Long detectedAtEvent, double accuracyBefore, double accuracyAfterRecovery,
            @Nullable Integer newVersion) {

        public boolean recovered(double points) {
            return accuracyAfterRecovery >= accuracyBefore - points / 100.0;
        }
    }
}
