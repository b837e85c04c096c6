package dev.hatchery.trainer;

import java.util.ArrayList;
import java.util.List;

/**
 * How a shadow version and the champion did on the same labelled events: both predicted each
 * of them, the champion's prediction was served. The discordant counts are what McNemar's test
 * weighs; events both got right or both got wrong say nothing about which is better.
 *
 * @param pairedEvents        events with a champion outcome and a shadow prediction
 * @param championCorrect     of those, how many the champion got right
 * @param shadowCorrect       how many the shadow got right
 * @param championOnlyCorrect how many only the champion got right
 * @param shadowOnlyCorrect   how many only the shadow got right
 */
public record ShadowScore(int pairedEvents, int championCorrect, int shadowCorrect, int championOnlyCorrect,
        int shadowOnlyCorrect) {

    public static final ShadowScore NONE = new ShadowScore(0, 0, 0, 0, 0);

    public ShadowScore {
        List<String> problems = new ArrayList<>();
        if (pairedEvents < 0 || championCorrect < 0 || shadowCorrect < 0 || championOnlyCorrect < 0
                || shadowOnlyCorrect < 0) {
            problems.add("counts must be 0 or more");
        }
        if (championCorrect > pairedEvents || shadowCorrect > pairedEvents) {
            problems.add("neither can be right on more than the " + pairedEvents + " paired events");
        }
        if (championOnlyCorrect > championCorrect || shadowOnlyCorrect > shadowCorrect) {
            problems.add("right alone on more events than right at all");
        }
        if (championCorrect - championOnlyCorrect != shadowCorrect - shadowOnlyCorrect) {
            problems.add("both right on " + (championCorrect - championOnlyCorrect) + " events by the champion's"
                    + " counts but " + (shadowCorrect - shadowOnlyCorrect) + " by the shadow's");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("inconsistent shadow score " + pairedEvents + " paired, "
                    + championCorrect + "/" + shadowCorrect + " right, " + championOnlyCorrect + "/"
                    + shadowOnlyCorrect + " right alone (champion/shadow): " + String.join("; ", problems));
        }
    }

    /** Events both got right. */
    public int bothCorrect() {
        return championCorrect - championOnlyCorrect;
    }

    /** The events where they disagreed on who is right: the sample McNemar's test is about. */
    public int discordant() {
        return championOnlyCorrect + shadowOnlyCorrect;
    }
}
