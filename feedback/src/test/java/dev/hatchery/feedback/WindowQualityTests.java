package dev.hatchery.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WindowQualityTests {

    private static final String[] CLASSES = {"a", "b", "c"};
    private static final QualityWindows.Window WINDOW = new QualityWindows.Window("tumbling", 1_000, 2_000);

    private static QualityTally.WindowedPoint labelled(int trueClass, int predictedClass, double trueProbability) {
        return new QualityTally.WindowedPoint(WINDOW, new QualityPoint("m", 1, 1_500, true, trueClass,
                predictedClass, trueProbability, CLASSES));
    }

    private static QualityTally.WindowedPoint scored() {
        return new QualityTally.WindowedPoint(WINDOW, QualityPoint.scored("m", 1, 1_500));
    }

    @Nested
    class ForThreeClasses {

        // true → predicted: a→a ×3, a→b ×1, b→b ×2, b→c ×1, c→c ×1; 10 scored.
        private WindowQuality quality() {
            QualityTally tally = new QualityTally();
            for (int i = 0; i < 3; i++) {
                tally.add(labelled(0, 0, 0.8));
            }
            tally.add(labelled(0, 1, Double.NaN));
            tally.add(labelled(1, 1, 0.5));
            tally.add(labelled(1, 1, 0.5));
            tally.add(labelled(1, 2, Double.NaN));
            tally.add(labelled(2, 2, 0.9));
            tally.add(scored());
            tally.add(scored());
            QualityTally more = new QualityTally();
            for (int i = 0; i < 8; i++) {
                more.add(scored());
            }
            tally.combine(more);
            return tally.result(7);
        }

        @Test
        void countsAccuracyAndCoverage() {
            WindowQuality q = quality();
            assertThat(q.scored()).isEqualTo(10);
            assertThat(q.labelled()).isEqualTo(8);
            assertThat(q.correct()).isEqualTo(6);
            assertThat(q.accuracy()).isEqualTo(6 / 8.0);
            assertThat(q.coverage()).isEqualTo(8 / 10.0);
            assertThat(q.confusion(0, 1)).isEqualTo(1);
            assertThat(q.confusion(1, 2)).isEqualTo(1);
            assertThat(q.windowStart()).isEqualTo(1_000);
            assertThat(q.key()).isEqualTo("m/v1/tumbling-1000/2000");
        }

        @Test
        void givesPrecisionRecallAndF1PerClassAsComputedByHand() {
            WindowQuality q = quality();
            // a: predicted a 3 times, all right → precision 3/3; 4 true a → recall 3/4; F1 = 2·1·0.75/1.75
            assertThat(q.precision(0)).isEqualTo(1.0);
            assertThat(q.recall(0)).isEqualTo(0.75);
            assertThat(q.f1(0)).isCloseTo(1.5 / 1.75, within(1e-12));
            // b: predicted b 3 times (a→b, b→b ×2) → 2/3; 3 true b → 2/3; F1 = 2/3
            assertThat(q.precision(1)).isCloseTo(2 / 3.0, within(1e-12));
            assertThat(q.recall(1)).isCloseTo(2 / 3.0, within(1e-12));
            // c: predicted c twice (b→c, c→c) → 1/2; 1 true c → 1; F1 = 2·0.5·1/1.5 = 2/3
            assertThat(q.f1(2)).isCloseTo(2 / 3.0, within(1e-12));
            assertThat(q.macroF1()).isCloseTo((1.5 / 1.75 + 2 / 3.0 + 2 / 3.0) / 3, within(1e-12));
            assertThat(q.perClass()).startsWith("a: precision 1.0000 recall 0.7500 f1 0.8571; b: ");
        }

        @Test
        void takesLogLossOverTheOutcomesWhoseTrueClassProbabilityIsKnown() {
            // six known: 3 × -ln 0.8, 2 × -ln 0.5, 1 × -ln 0.9; the two misses of three classes are not known
            double expected = (3 * -Math.log(0.8) + 2 * -Math.log(0.5) - Math.log(0.9)) / 6;
            assertThat(quality().logLoss()).isCloseTo(expected, within(1e-12));
        }

        @Test
        void addsUpWithARowOfTheSameWindow() {
            WindowQuality twice = quality().plus(quality());
            assertThat(twice.labelled()).isEqualTo(16);
            assertThat(twice.confusion(0, 0)).isEqualTo(6);
            assertThat(twice.accuracy()).isEqualTo(quality().accuracy());
            assertThat(twice.precision(1)).isCloseTo(2 / 3.0, within(1e-12));
        }
    }

    @Nested
    class Windows {

        @Test
        void anEventFallsInOneTumblingWindowAndInSizeOverSlideSlidingOnes() {
            List<QualityWindows.Window> windows = new QualityWindows(1_000, 3_000, 1_000).of(2_500);
            assertThat(windows).containsExactly(new QualityWindows.Window("tumbling", 1_000, 3_000),
                    new QualityWindows.Window("sliding", 3_000, 3_000), new QualityWindows.Window("sliding", 3_000, 4_000),
                    new QualityWindows.Window("sliding", 3_000, 5_000));
        }

        @Test
        void windowsBeforeTheEpochEndWhereTheyShould() {
            assertThat(new QualityWindows(1_000, 0, 0).of(-1)).containsExactly(
                    new QualityWindows.Window("tumbling", 1_000, 0));
        }

        @Test
        void badSizesAreAllReportedAtOnce() {
            assertThatThrownBy(() -> new QualityWindows(-1, 3_000, 700))
                    .hasMessageContaining("tumblingMillis must be 0 (none) or more, got -1")
                    .hasMessageContaining("slideMillis must divide slidingMillis (3000), got 700");
        }
    }
}
