package dev.hatchery.ops.stream;

/** Argument checks with messages that name the generator, the argument and what is allowed. */
final class Checks {

    private Checks() {
    }

    static int range(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", got " + value);
        }
        return value;
    }
}
