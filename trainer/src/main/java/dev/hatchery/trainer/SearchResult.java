package dev.hatchery.trainer;

import java.util.List;

/**
 * What a {@link HyperparameterSearch} tried and chose.
 *
 * @param best               the options of the most accurate trial (the earliest of equals);
 *                           the configured options when the search was off
 * @param validationAccuracy {@code best}'s accuracy on the validation rows; NaN when nothing was tried
 * @param trialsRun          how many option sets were fitted and scored
 * @param trials             every trial, in the order run
 */
public record SearchResult(FitOptions best, double validationAccuracy, int trialsRun, List<Trial> trials) {

    public SearchResult {
        trials = List.copyOf(trials);
        if (trialsRun != trials.size()) {
            throw new IllegalArgumentException(trialsRun + " trials run but " + trials.size() + " listed");
        }
    }

    /**
     * One option set tried.
     *
     * @param validationAccuracy share of the validation rows its model classified right
     * @param fitMillis          how long fitting it took
     */
    public record Trial(FitOptions options, double validationAccuracy, long fitMillis) {
    }
}
