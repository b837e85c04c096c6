package dev.hatchery.feedback;

import dev.hatchery.scorer.DeadLetter;
import org.jspecify.annotations.Nullable;

/** The judge's answer for a joined pair: the outcome with its quality point, or a dead letter. */
sealed interface Verdict {

    record Judgement(Outcome outcome, QualityPoint point) implements Verdict {
    }

    /** The label names no class of the version that predicted. */
    record Refusal(DeadLetter letter) implements Verdict {
    }

    static @Nullable Outcome outcome(Verdict verdict) {
        return switch (verdict) {
            case Judgement judgement -> judgement.outcome();
            case Refusal ignored -> null;
        };
    }

    static @Nullable QualityPoint point(Verdict verdict) {
        return switch (verdict) {
            case Judgement judgement -> judgement.point();
            case Refusal ignored -> null;
        };
    }

    static @Nullable DeadLetter letter(Verdict verdict) {
        return switch (verdict) {
            case Refusal refusal -> refusal.letter();
            case Judgement ignored -> null;
        };
    }
}
