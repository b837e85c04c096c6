package dev.hatchery.ops.stream;

import java.util.List;
import java.util.Random;

/**
 * SEA concepts (Street and Kim, KDD 2001): three attributes uniform on [0, 10), class
 * {@code groupA} if {@code x1 + x2 ≤ θ}, θ = 8, 9, 7, 9.5 for functions 1 to 4; x3 is noise.
 */
public final class SeaGenerator implements LabelledStream {

    private static final double[] THRESHOLDS = {8, 9, 7, 9.5};
    private static final Schema SCHEMA = new Schema(List.of("attrib1", "attrib2", "attrib3"), List.of("groupA", "groupB"));

    private final double threshold;
    private final int noisePercent;
    private final Random random;
    private final Balance balance;

    public SeaGenerator(int function, long instanceSeed, int noisePercent, boolean balance) {
        this.threshold = THRESHOLDS[Checks.range("SEA function", function, 1, 4) - 1];
        this.noisePercent = Checks.range("SEA noise percent", noisePercent, 0, 100);
        this.random = new Random(instanceSeed);
        this.balance = balance ? new Balance() : null;
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public LabelledRow next() {
        double[] x;
        int label;
        do {
            x = new double[] {10 * random.nextDouble(), 10 * random.nextDouble(), 10 * random.nextDouble()};
            label = x[0] + x[1] <= threshold ? 0 : 1;
        } while (balance != null && !balance.accepts(label));
        if (1 + random.nextInt(100) <= noisePercent) {
            label = 1 - label;
        }
        return new LabelledRow(x, label);
    }
}
