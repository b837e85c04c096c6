package dev.hatchery.feedback.datadrift;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The most recent feature rows of one model version, at most {@code capacity} of them, the oldest
 * overwritten first. Serializable so it can live in Jet state and snapshots; not thread-safe, as a Jet
 * stage's state needs not be. Rows are copied in and out.
 */
public final class RecentFeatures implements Serializable {

    private final double[][] ring;
    private int next;
    private int size;
    private long added;

    /** An empty buffer; {@code capacity} is usually {@link DataDriftSettings#window()}. */
    public RecentFeatures(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more, got " + capacity);
        }
        this.ring = new double[capacity][];
    }

    /**
     * Keeps a copy of {@code row}, dropping the oldest row if full.
     *
     * @throws IllegalArgumentException if {@code row} is not as long as the rows already kept; rows
     *                                  of another model version belong in a buffer of their own
     */
    public void add(double[] row) {
        if (size > 0) {
            int width = ring[(next - 1 + ring.length) % ring.length].length;
            if (row.length != width) {
                throw new IllegalArgumentException("row has " + row.length + " features, the rows kept have " + width
                        + ": keep one buffer per model version");
            }
        }
        ring[next] = row.clone();
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
        added++;
    }

    /** How many rows are kept, at most the capacity. */
    public int size() {
        return size;
    }

    /** How many rows the buffer can keep. */
    public int capacity() {
        return ring.length;
    }

    /** How many rows were ever added, including those since dropped. */
    public long added() {
        return added;
    }

    /** Copies of the rows kept, oldest first. */
    public double[][] rows() {
        double[][] rows = new double[size][];
        int oldest = (next - size + ring.length) % ring.length;
        for (int i = 0; i < size; i++) {
            rows[i] = ring[(oldest + i) % ring.length].clone();
        }
        return rows;
    }

    @Override
    public String toString() {
        return "RecentFeatures[size=" + size + ", capacity=" + ring.length + ", added=" + added
                + (size > 0 ? ", newest=" + Arrays.toString(ring[(next - 1 + ring.length) % ring.length]) : "") + "]";
    }
}
