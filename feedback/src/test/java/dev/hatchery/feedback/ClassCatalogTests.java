package dev.hatchery.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.hatchery.scorer.Prediction;
import org.junit.jupiter.api.Test;

/** The probability a prediction gave the true class: what log-loss is made of. */
class ClassCatalogTests {

    private static Prediction prediction(int predicted, double probability, double... posterior) {
        return new Prediction("e1", "m", 1, 1, predicted, "c" + predicted, probability, posterior, new double[] {0},
                0, 0, 1, 1);
    }

    @Test
    void aMissOfAThreeClassModelTakesTheTrueClassFromThePosterior() {
        Prediction p = prediction(0, 0.6, 0.6, 0.3, 0.1);

        assertThat(ClassCatalog.trueProbability(p, 0, 3)).isEqualTo(0.6);
        assertThat(ClassCatalog.trueProbability(p, 1, 3)).isEqualTo(0.3);
        assertThat(ClassCatalog.trueProbability(p, 2, 3)).isEqualTo(0.1);
    }

    @Test
    void aPredictionWithoutItsPosteriorIsKnownOnlyWhereTheWinnerAloneTells() {
        Prediction binary = prediction(1, 0.8);
        Prediction ternary = prediction(1, 0.5);

        assertThat(ClassCatalog.trueProbability(binary, 1, 2)).isEqualTo(0.8);
        assertThat(ClassCatalog.trueProbability(binary, 0, 2)).isCloseTo(0.2, offset(1e-12));
        assertThat(ClassCatalog.trueProbability(ternary, 1, 3)).isEqualTo(0.5);
        assertThat(ClassCatalog.trueProbability(ternary, 2, 3)).isNaN();
    }
}
