package dev.hatchery.bench.prequential;

import static dev.hatchery.bench.prequential.StreamAccuracy.UNSCORED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StreamAccuracyTests {

    @Nested
    class Accuracy {

        @Test
        void isTheShareOfEventsPredictedRight() {
            StreamAccuracy accuracy = StreamAccuracy.of(new int[] {0, 1, 1, 0}, new int[] {0, 1, 0, 0}, 10);

            assertThat(accuracy.accuracy()).isEqualTo(0.75);
            assertThat(accuracy.events()).isEqualTo(4);
        }

        @Test
        void countsAnUnscoredEventAsWrong() {
            StreamAccuracy accuracy = StreamAccuracy.of(new int[] {0, UNSCORED}, new int[] {0, 1}, 10);

            assertThat(accuracy.accuracy()).isEqualTo(0.5);
            assertThat(accuracy.unscored()).isEqualTo(1);
        }

        @Test
        void refusesPredictionsAndLabelsOfDifferentLengths() {
            assertThatThrownBy(() -> StreamAccuracy.of(new int[] {0}, new int[] {0, 1}, 10))
                    .hasMessage("1 predictions for 2 true labels");
        }
    }

    @Nested
    class Blocks {

        @Test
        void coverConsecutiveEventsAndTheLastHoldsWhatIsLeft() {
            int[] truth = {0, 0, 0, 0, 0};
            int[] predicted = {0, 1, 0, 0, 1};

            StreamAccuracy accuracy = StreamAccuracy.of(predicted, truth, 2);

            assertThat(accuracy.blocks()).containsExactly(0.5, 1.0, 0.0);
        }

        @Test
        void anExactMultipleLeavesNoEmptyBlock() {
            StreamAccuracy accuracy = StreamAccuracy.of(new int[] {1, 1, 0, 1}, new int[] {1, 1, 1, 1}, 2);

            assertThat(accuracy.blocks()).containsExactly(1.0, 0.5);
        }
    }
}
