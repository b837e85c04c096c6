package dev.hatchery.trainer;

import dev.hatchery.registry.TrainedModel;

/**
 * Challenger and champion on the same rows, row by row: their accuracies and the discordant
 * counts McNemar's test needs.
 *
 * @param challengerOnly rows only the challenger classifies right
 * @param championOnly   rows only the champion classifies right
 */
public record HoldoutComparison(int rows, int challengerCorrect, int championCorrect, int challengerOnly,
        int championOnly) {

    static HoldoutComparison of(TrainedModel challenger, TrainedModel champion, TrainingData holdout) {
        int challengerCorrect = 0;
        int championCorrect = 0;
        int challengerOnly = 0;
        int championOnly = 0;
        for (int i = 0; i < holdout.size(); i++) {
            boolean challengerRight = challenger.predict(holdout.x()[i]).index() == holdout.y()[i];
            boolean championRight = champion.predict(holdout.x()[i]).index() == holdout.y()[i];
            challengerCorrect += challengerRight ? 1 : 0;
            championCorrect += championRight ? 1 : 0;
            challengerOnly += challengerRight && !championRight ? 1 : 0;
            championOnly += championRight && !challengerRight ? 1 : 0;
        }
        return new HoldoutComparison(holdout.size(), challengerCorrect, championCorrect, challengerOnly, championOnly);
    }

    public double challengerAccuracy() {
        return rows == 0 ? Double.NaN : (double) challengerCorrect / rows;
    }

    public double championAccuracy() {
        return rows == 0 ? Double.NaN : (double) championCorrect / rows;
    }

    /** One-sided exact McNemar p-value that the challenger is better. */
    public double pValue() {
        return McNemar.pValue(challengerOnly, championOnly);
    }
}
