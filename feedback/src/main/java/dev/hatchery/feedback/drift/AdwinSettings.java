package dev.hatchery.feedback.drift;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of ADWIN2 (Bifet and Gavaldà 2007).
 *
 * @param delta          confidence of the cut test (0.002, the value of the paper's experiments):
 *                       a split of a stable window is taken for a change with probability at
 *                       most about {@code delta}
 * @param bucketsPerRow  {@code M}, buckets of each size kept before the two oldest merge (5, as in
 *                       the paper's experiments); more buckets place a cut more precisely, at
 *                       {@code M log(W / M)} memory and time per check
 * @param clock          outcomes between checks for a cut (32, as in the authors' reference
 *                       implementation); a check costs {@code O(M log W)}, so it amortises to
 *                       little per outcome, at the price of up to {@code clock - 1} outcomes delay
 */
public record AdwinSettings(double delta, int bucketsPerRow, int clock) implements DetectorSettings {

    public static final AdwinSettings DEFAULTS = new AdwinSettings(0.002, 5, 32);

    public AdwinSettings {
        List<String> problems = new ArrayList<>();
        if (!(delta > 0 && delta < 1)) {
            problems.add("delta must be between 0 and 1, got " + delta);
        }
        if (bucketsPerRow < 2) {
            problems.add("bucketsPerRow must be 2 or more, got " + bucketsPerRow);
        }
        if (clock < 1) {
            problems.add("clock must be 1 or more, got " + clock);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid ADWIN settings: " + String.join("; ", problems));
        }
    }

    @Override
    public DriftDetector newDetector() {
        return new Adwin(this);
    }

    @Override
    public String kind() {
        return "adwin";
    }
}
