package dev.hatchery.feedback;

/**
 * The detector's word that the serving version of a model no longer fits the stream.
 *
 * @param sequence              the number of this signal for the model: 1, 2, …; the trainer
 *                              remembers the last one it acted on
 * @param detectedAtEventId     the event whose outcome tipped the detector
 * @param driftSinceEventTimeMillis event time of the outcome at which the detector's warning
 *                              began: the best guess of where the new concept starts, and so
 *                              where the trainer's window should start
 * @param detector              what tipped: a detector's name ({@code DDM}, {@code ADWIN}, …),
 *                              or {@code SHORTFALL} for the check against the holdout accuracy
 * @param position              the tipping outcome's number among this epoch's outcomes (1, 2, …)
 * @param statistic             the detector's test statistic at that outcome (for the
 *                              shortfall: the rolling accuracy)
 */
public record DriftSignal(
        String model,
        int version,
        long epoch,
        long sequence,
        String detectedAtEventId,
        long detectedAtEventTimeMillis,
        long driftSinceEventTimeMillis,
        double errorRate,
        long detectedAtMillis,
        String detector,
        long position,
        double statistic) implements WatchReport {
}
