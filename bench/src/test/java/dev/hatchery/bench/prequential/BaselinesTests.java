package dev.hatchery.bench.prequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BaselinesTests {

    private static final int[] LABELS = {0, 1, 2, 3, 4, 5, 6, 7};

    @Nested
    class NoChange {

        @Test
        void withLabelsAtOnceRepeatsThePreviousRowsLabel() {
            assertThat(Baselines.noChange(LABELS, 3, 0)).containsExactly(2, 3, 4, 5, 6);
        }

        @Test
        void withLabelsKEventsLateRepeatsTheLabelOfRowRMinusKMinusOne() {
            // The label of row r - 1 is written after the event of row r - 1 + K: not before the event of row r.
            assertThat(Baselines.noChange(LABELS, 3, 1)).containsExactly(1, 2, 3, 4, 5);
            assertThat(Baselines.noChange(LABELS, 5, 3)).containsExactly(1, 2, 3);
        }

        @Test
        void refusesAFirstRowWithNoLabelKnownYet() {
            assertThatThrownBy(() -> Baselines.noChange(LABELS, 2, 2)).hasMessageContaining("start after row 2");
        }
    }

    @Nested
    class Majority {

        @Test
        void predictsTheMostFrequentClassAmongTheLabelsKnown() {
            int[] labels = {1, 1, 0, 0, 0, 1, 1, 1};

            // Row 3 knows rows 0-2 (two 1s); rows 4 and 6 a tie, which goes to class 0; row 5 three 0s; row 7 four 1s.
            assertThat(Baselines.majority(labels, 2, 3, 0)).containsExactly(1, 0, 0, 0, 1);
        }

        @Test
        void knowsOnlyTheLabelsThatAreKEventsOld() {
            int[] labels = {1, 0, 0, 0, 0, 0};

            // Row 2 knows row 0 only with K = 1; row 3 knows rows 0 and 1: a tie, which goes to class 0.
            assertThat(Baselines.majority(labels, 2, 2, 1)).containsExactly(1, 0, 0, 0);
        }
    }
}
