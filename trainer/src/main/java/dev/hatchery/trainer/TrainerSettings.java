package dev.hatchery.trainer;

import dev.hatchery.registry.Algorithm;
import java.util.ArrayList;
import java.util.List;
import org.quartz.CronExpression;

/**
 * @param algorithm         what to train
 * @param fit               the algorithm's options
 * @param cron              Quartz cron expression of the check for due runs
 * @param minRows           fewest outcomes a window needs (after a drift, the trainer waits for them)
 * @param maxRows           most outcomes in a window: the most recent ones
 * @param holdoutFraction   the most recent share of the window held out to compare challenger and champion
 * @param accuracyFloor     rolling accuracy below which a run is due (0 turns it off)
 * @param refreshEveryRows  new outcomes since the last run after which a run is due (0 turns it off)
 * @param minImprovement    how much more accurate than the champion a challenger must be
 * @param leaseSeconds      how long a member may hold a model's training lease before another takes over
 */
public record TrainerSettings(
        Algorithm algorithm,
        FitOptions fit,
        String cron,
        int minRows,
        int maxRows,
        double holdoutFraction,
        double accuracyFloor,
        int refreshEveryRows,
        double minImprovement,
        int leaseSeconds) {

    public static final TrainerSettings DEFAULTS = new TrainerSettings(Algorithm.RANDOM_FOREST, FitOptions.DEFAULTS,
            "0/2 * * * * ?", 1_000, 5_000, 0.2, 0.0, 5_000, 0.0, 300);

    public TrainerSettings {
        List<String> problems = new ArrayList<>();
        if (!CronExpression.isValidExpression(cron)) {
            problems.add("trainer.cron '" + cron + "' is not a Quartz cron expression (e.g. '0/2 * * * * ?')");
        }
        if (minRows < 10) {
            problems.add("trainer.minRows must be 10 or more, got " + minRows);
        }
        if (maxRows < minRows) {
            problems.add("trainer.maxRows must be at least minRows (" + minRows + "), got " + maxRows);
        }
        if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
            problems.add("trainer.holdoutFraction must be between 0 and 1 exclusive, got " + holdoutFraction);
        }
        if (!(accuracyFloor >= 0 && accuracyFloor < 1)) {
            problems.add("trainer.accuracyFloor must be in [0, 1), got " + accuracyFloor);
        }
        if (refreshEveryRows < 0) {
            problems.add("trainer.refreshEveryRows must be 0 or more, got " + refreshEveryRows);
        }
        if (!(minImprovement >= 0 && minImprovement < 1)) {
            problems.add("trainer.minImprovement must be in [0, 1), got " + minImprovement);
        }
        if (leaseSeconds < 1) {
            problems.add("trainer.leaseSeconds must be 1 or more, got " + leaseSeconds);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid trainer settings: " + String.join("; ", problems));
        }
    }
}
