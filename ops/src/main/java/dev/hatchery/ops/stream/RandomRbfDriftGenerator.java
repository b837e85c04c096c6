package dev.hatchery.ops.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random radial basis functions: rows drawn around weighted centroids, each of one class.
 * With {@code speed > 0} the first {@code driftingCentroids} centroids move at that speed,
 * bouncing off the unit cube's walls: incremental drift without a drift point.
 */
public final class RandomRbfDriftGenerator implements LabelledStream {

    private final Schema schema;
    private final double speed;
    private final int drifting;
    private final Random random;
    private final double[][] centres;
    private final int[] classes;
    private final double[] stdDevs;
    private final double[] weights;
    private final double totalWeight;
    private final double[][] velocities;

    public RandomRbfDriftGenerator(long modelSeed, long instanceSeed, int classCount, int attributes, int centroids,
            double speed, int driftingCentroids) {
        Checks.range("RBF classes", classCount, 2, 1_000);
        Checks.range("RBF attributes", attributes, 1, 10_000);
        Checks.range("RBF centroids", centroids, 1, 100_000);
        if (speed < 0) {
            throw new IllegalArgumentException("RBF speed must be 0 or more, got " + speed);
        }
        this.speed = speed;
        this.drifting = Math.min(Checks.range("RBF drifting centroids", driftingCentroids, 0, Integer.MAX_VALUE), centroids);
        Random model = new Random(modelSeed);
        centres = new double[centroids][attributes];
        classes = new int[centroids];
        stdDevs = new double[centroids];
        weights = new double[centroids];
        double sum = 0;
        for (int j = 0; j < centroids; j++) {
            for (int i = 0; i < attributes; i++) {
                centres[j][i] = model.nextDouble();
            }
            classes[j] = model.nextInt(classCount);
            stdDevs[j] = model.nextDouble();
            weights[j] = model.nextDouble();
        }
        for (double weight : weights) {
            sum += weight;
        }
        totalWeight = sum;
        // The same seed again: MOA draws the directions of motion from a fresh generator.
        Random motion = new Random(modelSeed);
        velocities = new double[drifting][attributes];
        for (int j = 0; j < drifting; j++) {
            double norm = 0;
            for (int i = 0; i < attributes; i++) {
                velocities[j][i] = motion.nextDouble();
                norm += velocities[j][i] * velocities[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < attributes; i++) {
                velocities[j][i] /= norm;
            }
        }
        this.random = new Random(instanceSeed);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < attributes; i++) {
            names.add("att" + (i + 1));
        }
        List<String> classNames = new ArrayList<>();
        for (int c = 0; c < classCount; c++) {
            classNames.add("class" + c);
        }
        this.schema = new Schema(names, classNames);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public LabelledRow next() {
        if (speed > 0) {
            for (int j = 0; j < drifting; j++) {
                for (int i = 0; i < centres[j].length; i++) {
                    centres[j][i] += velocities[j][i] * speed;
                    if (centres[j][i] > 1) {
                        centres[j][i] = 1;
                        velocities[j][i] = -velocities[j][i];
                    }
                    if (centres[j][i] < 0) {
                        centres[j][i] = 0;
                        velocities[j][i] = -velocities[j][i];
                    }
                }
            }
        }
        double u = random.nextDouble() * totalWeight;
        int index = 0;
        double accumulated = 0;
        while (accumulated <= u && index < weights.length) {
            accumulated += weights[index++];
        }
        int centroid = index - 1;
        int d = centres[centroid].length;
        double[] x = new double[d];
        double magnitude = 0;
        for (int i = 0; i < d; i++) {
            x[i] = 2 * random.nextDouble() - 1;
            magnitude += x[i] * x[i];
        }
        magnitude = Math.sqrt(magnitude);
        // One scale for all attributes: computing it once is also what MOA's rounding needs.
        double scale = random.nextGaussian() * stdDevs[centroid] / magnitude;
        for (int i = 0; i < d; i++) {
            x[i] = centres[centroid][i] + x[i] * scale;
        }
        return new LabelledRow(x, classes[centroid]);
    }
}
