package dev.hatchery.feedback;

import dev.hatchery.scorer.DeadLetter;
import org.jspecify.annotations.Nullable;

/**
 * What the join emits: a pair for the judge, the {@link LabelCase} the label counts add up, or
 * a label whose prediction never came. The projections return null for the other kinds, which
 * Jet's {@code map} drops: each branch of the pipeline takes its own kind.
 */
sealed interface Joined permits Judged, LabelCase, Joined.Unmatched {

    /** A label that waited the whole horizon for its prediction: a dead letter. */
    record Unmatched(DeadLetter letter) implements Joined {
    }

    static @Nullable Judged pair(Joined joined) {
        return switch (joined) {
            case Judged pair -> pair;
            case LabelCase ignored -> null;
            case Unmatched ignored -> null;
        };
    }

    static @Nullable LabelCase labelCase(Joined joined) {
        return switch (joined) {
            case LabelCase labelCase -> labelCase;
            case Judged ignored -> null;
            case Unmatched ignored -> null;
        };
    }

    static @Nullable DeadLetter letter(Joined joined) {
        return switch (joined) {
            case Unmatched unmatched -> unmatched.letter();
            case Judged ignored -> null;
            case LabelCase ignored -> null;
        };
    }
}
