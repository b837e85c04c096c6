package dev.hatchery.trainer;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a challenger that passes the holdout gate first scores live traffic in shadow — its
 * predictions recorded beside the champion's, not served — and is promoted only if it wins on
 * those same events, by the same gate.
 *
 * @param minEvents labelled events both scored before the trial is judged
 * @param maxMillis a trial without that many events by then ends, keeping the champion
 */
public record ShadowSettings(boolean enabled, int minEvents, long maxMillis) {

    public static final ShadowSettings DEFAULTS = new ShadowSettings(false, 1_000, 3_600_000);

    public ShadowSettings {
        List<String> problems = new ArrayList<>();
        if (minEvents < 1) {
            problems.add("trainer.shadow.minEvents must be 1 or more, got " + minEvents);
        }
        if (maxMillis < 1) {
            problems.add("trainer.shadow.maxMillis must be 1 or more, got " + maxMillis);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid shadow settings: " + String.join("; ", problems));
        }
    }
}
