package dev.hatchery.trainer;

import dev.hatchery.registry.TrainedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Challenger and champion on the same labelled rows — a holdout, or live events the challenger
 * scored in shadow — row by row: their accuracies and the discordant counts McNemar's test
 * weighs (rows both got right, or both wrong, say nothing about which is better).
 *
 * @param challengerOnly rows only the challenger got right
 * @param championOnly   rows only the champion got right
 */
public record HeadToHead(int rows, int challengerCorrect, int championCorrect, int challengerOnly, int championOnly) {

    public static final HeadToHead NONE = new HeadToHead(0, 0, 0, 0, 0);

    public HeadToHead {
        List<String> problems = new ArrayList<>();
        if (rows < 0 || challengerCorrect < 0 || championCorrect < 0 || challengerOnly < 0 || championOnly < 0) {
            problems.add("counts must be 0 or more");
        }
        if (challengerCorrect > rows || championCorrect > rows) {
            problems.add("neither can be right on more than the " + rows + " paired events");
        }
        if (challengerOnly > challengerCorrect || championOnly > championCorrect) {
            problems.add("right alone on more events than right at all");
        }
        if (championCorrect - championOnly != challengerCorrect - challengerOnly) {
            problems.add("both right on " + (championCorrect - championOnly) + " events by the champion's counts but "
                    + (challengerCorrect - challengerOnly) + " by the challenger's");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("inconsistent counts " + rows + " paired, " + challengerCorrect + "/"
                    + championCorrect + " right, " + challengerOnly + "/" + championOnly
                    + " right alone (challenger/champion): " + String.join("; ", problems));
        }
    }

    static HeadToHead of(TrainedModel challenger, TrainedModel champion, TrainingData holdout) {
        Tally tally = new Tally();
        for (int i = 0; i < holdout.size(); i++) {
            tally.add(challenger.predict(holdout.x()[i]).index() == holdout.y()[i],
                    champion.predict(holdout.x()[i]).index() == holdout.y()[i]);
        }
        return tally.result();
    }

    public double challengerAccuracy() {
        return rows == 0 ? Double.NaN : (double) challengerCorrect / rows;
    }

    public double championAccuracy() {
        return rows == 0 ? Double.NaN : (double) championCorrect / rows;
    }

    /** Rows both got right. */
    public int bothCorrect() {
        return championCorrect - championOnly;
    }

    /** The rows where exactly one of them is right: the sample McNemar's test is about. */
    public int discordant() {
        return challengerOnly + championOnly;
    }

    /** One-sided exact McNemar p-value that the challenger is better. */
    public double pValue() {
        return McNemar.pValue(challengerOnly, championOnly);
    }

    /** Counts row by row, so that no pair need be kept. */
    static final class Tally {
        private int rows;
        private int challengerCorrect;
        private int championCorrect;
        private int challengerOnly;
        private int championOnly;

        void add(boolean challengerRight, boolean championRight) {
            rows++;
            challengerCorrect += challengerRight ? 1 : 0;
            championCorrect += championRight ? 1 : 0;
            challengerOnly += challengerRight && !championRight ? 1 : 0;
            championOnly += championRight && !challengerRight ? 1 : 0;
        }

        HeadToHead result() {
            return new HeadToHead(rows, challengerCorrect, championCorrect, challengerOnly, championOnly);
        }
    }
}
