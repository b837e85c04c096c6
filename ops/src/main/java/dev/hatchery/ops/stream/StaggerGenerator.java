package dev.hatchery.ops.stream;

import java.util.List;
import java.util.Random;

/**
 * STAGGER concepts (Schlimmer and Granger 1986): size, colour and shape, each one of three
 * values (given as their index), and three boolean concepts over them.
 */
public final class StaggerGenerator implements LabelledStream {

    private static final Schema SCHEMA = new Schema(List.of("size", "color", "shape"), List.of("false", "true"));

    private final int function;
    private final Random random;
    private final Balance balance;

    public StaggerGenerator(int function, long seed, boolean balance) {
        this.function = Checks.range("STAGGER function", function, 1, 3);
        this.random = new Random(seed);
        this.balance = balance ? new Balance() : null;
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public LabelledRow next() {
        int size;
        int color;
        int shape;
        int label;
        do {
            size = random.nextInt(3);
            color = random.nextInt(3);
            shape = random.nextInt(3);
            boolean holds = switch (function) {
                case 1 -> size == 0 && color == 0;
                case 2 -> color == 2 || shape == 0;
                default -> size == 1 || size == 2;
            };
            label = holds ? 1 : 0;
        } while (balance != null && !balance.accepts(label));
        return new LabelledRow(new double[] {size, color, shape}, label);
    }
}
