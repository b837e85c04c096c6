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
        void withLabelsOneEventLateRepeatsThePreviousRowsLabel() {
            assertThat(Baselines.noChange(LABELS, 3, 1)).containsExactly(2, 3, 4, 5, 6);
        }

        @Test
        void withLabelsKEventsLateRepeatsTheLabelOfRowRMinusK() {
            assertThat(Baselines.noChange(LABELS, 5, 3)).containsExactly(2, 3, 4);
        }

        @Test
        void refusesAFirstRowWithNoLabelKnownYetAndLabelsKnownBeforeTheirRow() {
            assertThatThrownBy(() -> Baselines.noChange(LABELS, 2, 3)).hasMessageContaining("start at row 3 or later");
            assertThatThrownBy(() -> Baselines.noChange(LABELS, 2, 0)).hasMessageContaining("1 or more events");
        }
    }

    @Nested
    class Majority {

        @Test
        void predictsTheMostFrequentClassAmongTheLabelsKnown() {
            int[] labels = {1, 1, 0, 0, 0, 1, 1, 1};

            // Row 3 knows rows 0-2 (two 1s); rows 4 and 6 a tie, which goes to class 0; row 5 three 0s; row 7 four 1s.
            assertThat(Baselines.majority(labels, 2, 3, 1)).containsExactly(1, 0, 0, 0, 1);
        }

        @Test
        void knowsOnlyTheLabelsThatAreKEventsOld() {
            int[] labels = {1, 0, 0, 0, 0, 0};

            // Row 2 knows row 0 only with K = 2; row 3 knows rows 0 and 1: a tie, which goes to class 0.
            assertThat(Baselines.majority(labels, 2, 2, 2)).containsExactly(1, 0, 0, 0);
        }
    }
}
