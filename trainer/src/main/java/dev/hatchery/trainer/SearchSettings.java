package dev.hatchery.trainer;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether and how long a training run may look for better fit options than the configured
 * ones before it fits its challenger (see {@link HyperparameterSearch}).
 *
 * @param enabled            off: the configured options are used as they are
 * @param budgetMillis       wall-clock time after which no new trial starts; the trial running
 *                           then finishes, so a search can overrun by one fit
 * @param maxTrials          most option sets tried, the configured ones included
 * @param validationFraction share of the training rows, the newest, that trials are scored on
 */
public record SearchSettings(boolean enabled, long budgetMillis, int maxTrials, double validationFraction) {

    public static final SearchSettings DEFAULTS = new SearchSettings(false, 10_000, 8, 0.2);

    public SearchSettings {
        List<String> problems = new ArrayList<>();
        if (budgetMillis < 1) {
            problems.add("Invalid search budget: " + budgetMillis + " ms (1 or more)");
        }
        if (maxTrials < 1) {
            problems.add("Invalid number of trials: " + maxTrials + " (1 or more)");
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            problems.add("Invalid validation fraction: " + validationFraction + " (in (0, 1))");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
