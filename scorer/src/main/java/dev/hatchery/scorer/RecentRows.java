package dev.hatchery.scorer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few feature rows of events a model really scored, sampled on the scoring path at almost no
 * cost, so that a new version is warmed up and checked on the data it will see.
 */
final class RecentRows {

    private static final int SAMPLE_EVERY = 256;
    private static final int SLOTS = 16;

    private final AtomicReferenceArray<double[]> rows = new AtomicReferenceArray<>(SLOTS);

    /** Keeps about one row in {@value #SAMPLE_EVERY}; no state shared between scoring threads is written otherwise. */
    void offer(double[] row) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextInt(SAMPLE_EVERY) == 0) {
            rows.lazySet(random.nextInt(SLOTS), row);
        }
    }

    List<double[]> snapshot() {
        List<double[]> sample = new ArrayList<>(SLOTS);
        for (int i = 0; i < SLOTS; i++) {
            double[] row = rows.get(i);
            if (row != null) {
                sample.add(row);
            }
        }
        return sample;
    }
}
