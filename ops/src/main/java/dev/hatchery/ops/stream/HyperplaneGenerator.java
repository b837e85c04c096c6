package dev.hatchery.ops.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The rotating hyperplane (Hulten et al. 2001): class 1 on one side of a hyperplane whose
 * weights drift by {@code magChange} per instance, each drifting weight reversing direction
 * with probability {@code sigmaPercent}. The drift is incremental: there is no drift point.
 */
public final class HyperplaneGenerator implements LabelledStream {

    private final Schema schema;
    private final int driftingAttributes;
    private final double magChange;
    private final int noisePercent;
    private final int sigmaPercent;
    private final Random random;
    private final double[] weights;
    private final int[] directions;

    public HyperplaneGenerator(int attributes, int driftingAttributes, double magChange, int noisePercent,
            int sigmaPercent, long seed) {
        Checks.range("hyperplane attributes", attributes, 1, 10_000);
        this.driftingAttributes = Checks.range("hyperplane drifting attributes", driftingAttributes, 0, attributes);
        this.magChange = magChange;
        this.noisePercent = Checks.range("hyperplane noise percent", noisePercent, 0, 100);
        this.sigmaPercent = Checks.range("hyperplane sigma percent", sigmaPercent, 0, 100);
        this.random = new Random(seed);
        this.weights = new double[attributes];
        this.directions = new int[attributes];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < attributes; i++) {
            weights[i] = random.nextDouble();
            directions[i] = i < driftingAttributes ? 1 : 0;
            names.add("att" + (i + 1));
        }
        this.schema = new Schema(names, List.of("class0", "class1"));
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public LabelledRow next() {
        double[] x = new double[weights.length];
        double sum = 0;
        double weightSum = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
            sum += weights[i] * x[i];
            weightSum += weights[i];
        }
        int label = sum >= weightSum * 0.5 ? 1 : 0;
        if (1 + random.nextInt(100) <= noisePercent) {
            label = 1 - label;
        }
        for (int i = 0; i < driftingAttributes; i++) {
            weights[i] += directions[i] * magChange;
            if (1 + random.nextInt(100) <= sigmaPercent) {
                directions[i] = -directions[i];
            }
        }
        return new LabelledRow(x, label);
    }
}
