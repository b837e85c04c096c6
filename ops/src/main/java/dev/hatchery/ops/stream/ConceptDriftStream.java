package dev.hatchery.ops.stream;

import java.util.Random;

/**
 * MOA's way of placing a drift (Bifet et al., KDD 2009): the {@code t}-th row comes from the
 * new concept with probability {@code 1 / (1 + exp(-4 (t - position) / width))}, so half the
 * rows are new at {@code position}, and {@code width} is the span of the change (1 makes it
 * abrupt). Each stream advances only when drawn from, so nested streams place their drifts
 * one after another.
 */
public final class ConceptDriftStream implements LabelledStream {

    private final LabelledStream old;
    private final LabelledStream next;
    private final long position;
    private final int width;
    private final Random random;
    private long count;

    public ConceptDriftStream(LabelledStream old, LabelledStream next, long position, int width, long seed) {
        if (!old.schema().equals(next.schema())) {
            throw new IllegalArgumentException("a drift needs both concepts to share a schema: " + old.schema()
                    + " vs " + next.schema());
        }
        if (position < 0) {
            throw new IllegalArgumentException("drift position must be 0 or more, got " + position);
        }
        if (width < 1) {
            throw new IllegalArgumentException("drift width must be 1 or more, got " + width);
        }
        this.old = old;
        this.next = next;
        this.position = position;
        this.width = width;
        this.random = new Random(seed);
    }

    @Override
    public Schema schema() {
        return old.schema();
    }

    @Override
    public LabelledRow next() {
        count++;
        double newProbability = 1.0 / (1.0 + Math.exp(-4 * (count - position) / (double) width));
        return random.nextDouble() > newProbability ? old.next() : next.next();
    }
}
