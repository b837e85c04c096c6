package dev.hatchery.trainer;

import dev.hatchery.registry.Algorithm;
import java.util.ArrayList;
import java.util.List;

/**
 * How one model is retrained: what starts a run, what it trains on, what it trains, and what
 * the result must show to be deployed.
 *
 * @param holdoutFraction the most recent share of the window, held out to compare challenger
 *                        and champion (neither trains on it)
 * @param timeLimitMillis a run still training after this long is stopped and recorded as
 *                        timed out; the champion keeps serving
 * @param recency         how much more the newer rows of the window weigh (off by default)
 * @param search          a small hyperparameter search around {@code fit} within a time budget,
 *                        validated on the newest training rows (off by default)
 * @param shadow          whether a challenger scores in shadow before it may serve (off by default)
 * @param probation       how an automatic deployment is watched, and undone if it does worse than what it replaced
 * @param online          whether the model is batch or online, and an online model's learner and checkpoints
 */
public record TrainingPolicy(
        Algorithm algorithm,
        FitOptions fit,
        TrainingWindow window,
        double holdoutFraction,
        TriggerSettings triggers,
        GateSettings gate,
        long timeLimitMillis,
        RecencyWeighting recency,
        SearchSettings search,
        ShadowSettings shadow,
        ProbationSettings probation,
        OnlineSettings online) {

    public static final TrainingPolicy DEFAULTS = new TrainingPolicy(Algorithm.RANDOM_FOREST, FitOptions.DEFAULTS,
            TrainingWindow.DEFAULTS, 0.2, TriggerSettings.DEFAULTS, GateSettings.DEFAULTS, 120_000, RecencyWeighting.DEFAULTS,
            SearchSettings.DEFAULTS, ShadowSettings.DEFAULTS, ProbationSettings.DEFAULTS, OnlineSettings.DEFAULTS);

    public TrainingPolicy {
        List<String> problems = new ArrayList<>();
        if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
            problems.add("trainer.holdoutFraction must be between 0 and 1 exclusive, got " + holdoutFraction);
        }
        if (timeLimitMillis < 1) {
            problems.add("trainer.timeLimitMillis must be 1 or more, got " + timeLimitMillis);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid training policy: " + String.join("; ", problems));
        }
    }

    /** A batch model's policy, as every policy was before online models. */
    public TrainingPolicy(Algorithm algorithm, FitOptions fit, TrainingWindow window, double holdoutFraction,
            TriggerSettings triggers, GateSettings gate, long timeLimitMillis, RecencyWeighting recency,
            SearchSettings search, ShadowSettings shadow, ProbationSettings probation) {
        this(algorithm, fit, window, holdoutFraction, triggers, gate, timeLimitMillis, recency, search, shadow, probation,
                OnlineSettings.DEFAULTS);
    }

    public TrainingPolicy withTriggers(TriggerSettings triggers) {
        return new TrainingPolicy(algorithm, fit, window, holdoutFraction, triggers, gate, timeLimitMillis, recency, search, shadow,
                probation, online);
    }

    public TrainingPolicy withTimeLimitMillis(long timeLimitMillis) {
        return new TrainingPolicy(algorithm, fit, window, holdoutFraction, triggers, gate, timeLimitMillis, recency, search, shadow,
                probation, online);
    }

    public TrainingPolicy withFitting(RecencyWeighting recency, SearchSettings search) {
        return new TrainingPolicy(algorithm, fit, window, holdoutFraction, triggers, gate, timeLimitMillis, recency, search, shadow,
                probation, online);
    }

    public TrainingPolicy withAlgorithm(Algorithm algorithm, FitOptions fit) {
        return new TrainingPolicy(algorithm, fit, window, holdoutFraction, triggers, gate, timeLimitMillis, recency, search, shadow,
                probation, online);
    }

    public TrainingPolicy withOnline(OnlineSettings online) {
        return new TrainingPolicy(algorithm, fit, window, holdoutFraction, triggers, gate, timeLimitMillis, recency, search, shadow,
                probation, online);
    }

    public TrainingPolicy withProbation(ProbationSettings probation) {
        return new TrainingPolicy(algorithm, fit, window, holdoutFraction, triggers, gate, timeLimitMillis, recency, search, shadow,
                probation, online);
    }
}
