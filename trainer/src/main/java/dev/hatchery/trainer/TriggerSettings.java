package dev.hatchery.trainer;

import java.util.ArrayList;
import java.util.List;
import org.quartz.CronExpression;

/**
 * What starts a model's training runs besides an operator.
 *
 * @param schedule         Quartz cron expression of scheduled runs ("" for none)
 * @param misfire          what a schedule does about firings it missed (member down or busy)
 * @param drift            whether drift signals start runs
 * @param dataDrift        whether data-drift signals (before labels) start runs: one per
 *                         serving version, since features may shift without hurting accuracy
 * @param debounceMillis   a drift signal starts a run once no newer one came for this long:
 *                         one run per burst
 * @param refreshEveryRows new outcomes since the last run after which a run is due (0: off)
 * @param moreData         whether a model trained on few rows of a new concept is retrained
 *                         once the concept has twice as many
 */
public record TriggerSettings(String schedule, Misfire misfire, boolean drift, boolean dataDrift, long debounceMillis,
        int refreshEveryRows, boolean moreData) {

    public static final TriggerSettings DEFAULTS = new TriggerSettings("", Misfire.FIRE_ONCE, true, false, 1_000, 5_000,
            true);

    /** Quartz's handling of a cron trigger's missed firings. */
    public enum Misfire {
        /** Missed firings become one run as soon as the scheduler can. */
        FIRE_ONCE("fire-once"),
        /** Missed firings are dropped; the schedule goes on from the next. */
        SKIP("skip");

        private final String id;

        Misfire(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Misfire parse(String id) {
            for (Misfire misfire : values()) {
                if (misfire.id.equals(id)) {
                    return misfire;
                }
            }
            throw new IllegalArgumentException("unknown misfire policy '" + id + "': use fire-once or skip");
        }
    }

    public TriggerSettings {
        List<String> problems = new ArrayList<>();
        if (!schedule.isEmpty() && !CronExpression.isValidExpression(schedule)) {
            problems.add("trainer.schedule '" + schedule + "' is not a Quartz cron expression (e.g. '0 0 3 * * ?' for"
                    + " 03:00 daily), nor \"\" for none");
        }
        if (debounceMillis < 0) {
            problems.add("trainer.triggers.debounceMillis must be 0 or more, got " + debounceMillis);
        }
        if (refreshEveryRows < 0) {
            problems.add("trainer.triggers.refreshEveryRows must be 0 or more, got " + refreshEveryRows);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid trigger settings: " + String.join("; ", problems));
        }
    }

    /** Nothing but an operator starts a run. */
    public static TriggerSettings manualOnly() {
        return new TriggerSettings("", Misfire.SKIP, false, false, 0, 0, false);
    }
}
