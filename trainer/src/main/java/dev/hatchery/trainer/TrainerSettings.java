package dev.hatchery.trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quartz.CronExpression;

/**
 * The trainer of one member: the policy of every model (a default, and overrides per model),
 * and how the members share the work.
 *
 * @param checkCron              Quartz cron expression of the check for due runs (drift,
 *                               refresh, pending requests, runs orphaned by a member that left)
 * @param leaseSeconds           how long a member may hold a model's training lease; a run's time
 *                               limit must be shorter, so that a lease only lapses when a member dies
 * @param threads                the dedicated training threads of a member: training never runs on
 *                               Jet's or Quartz's threads
 * @param misfireThresholdMillis how late a schedule's firing may be before Quartz counts it as missed
 */
public record TrainerSettings(
        TrainingPolicy defaults,
        Map<String, TrainingPolicy> models,
        String checkCron,
        int leaseSeconds,
        int threads,
        long misfireThresholdMillis) {

    public static final TrainerSettings DEFAULTS = new TrainerSettings(TrainingPolicy.DEFAULTS, Map.of(),
            "0/2 * * * * ?", 300, 1, 60_000);

    public TrainerSettings {
        models = Map.copyOf(models);
        List<String> problems = new ArrayList<>();
        if (!CronExpression.isValidExpression(checkCron)) {
            problems.add("trainer.checkCron '" + checkCron + "' is not a Quartz cron expression (e.g. '0/2 * * * * ?')");
        }
        if (leaseSeconds < 1) {
            problems.add("trainer.leaseSeconds must be 1 or more, got " + leaseSeconds);
        }
        if (threads < 1) {
            problems.add("trainer.threads must be 1 or more, got " + threads);
        }
        if (misfireThresholdMillis < 1) {
            problems.add("trainer.misfireThresholdMillis must be 1 or more, got " + misfireThresholdMillis);
        }
        checkTimeLimit("trainer", defaults, leaseSeconds, problems);
        models.forEach((model, policy) -> checkTimeLimit("trainer.models." + model, policy, leaseSeconds, problems));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid trainer settings: " + String.join("; ", problems));
        }
    }

    private static void checkTimeLimit(String where, TrainingPolicy policy, int leaseSeconds, List<String> problems) {
        if (policy.timeLimitMillis() >= leaseSeconds * 1_000L) {
            problems.add(where + ".timeLimitMillis (" + policy.timeLimitMillis() + ") must be shorter than"
                    + " trainer.leaseSeconds (" + leaseSeconds + " s): a lease that lapses mid-run lets a second member"
                    + " train the same model");
        }
    }

    /** A trainer of one policy for every model. */
    public static TrainerSettings of(TrainingPolicy policy) {
        return DEFAULTS.withDefaults(policy);
    }

    public TrainingPolicy policy(String model) {
        return models.getOrDefault(model, defaults);
    }

    public TrainerSettings withDefaults(TrainingPolicy policy) {
        return new TrainerSettings(policy, models, checkCron, leaseSeconds, threads, misfireThresholdMillis);
    }

    public TrainerSettings withCheckCron(String checkCron) {
        return new TrainerSettings(defaults, models, checkCron, leaseSeconds, threads, misfireThresholdMillis);
    }

    public TrainerSettings withLease(int leaseSeconds, long misfireThresholdMillis) {
        return new TrainerSettings(defaults, models, checkCron, leaseSeconds, threads, misfireThresholdMillis);
    }
}
