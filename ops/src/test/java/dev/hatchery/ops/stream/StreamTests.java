package dev.hatchery.ops.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StreamTests {

    @Nested
    class Scenarios {

        /** Share of rows in [from, to) whose label agrees with SEA's threshold {@code theta}. */
        private double agreement(LabelledRow[] rows, int from, int to, double theta) {
            int agree = 0;
            for (int i = from; i < to; i++) {
                int rule = rows[i].features()[0] + rows[i].features()[1] <= theta ? 0 : 1;
                agree += rule == rows[i].label() ? 1 : 0;
            }
            return (double) agree / (to - from);
        }

        @Test
        void seaChangesConceptAtEachReportedDriftPoint() {
            DriftScenario sea = DriftScenario.named("sea", 40_000, 1);
            assertThat(sea.driftPoints()).containsExactly(10_000L, 20_000L, 30_000L);
            LabelledRow[] rows = new LabelledRow[40_000];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = sea.stream().next();
            }
            double[] thetas = {8, 9, 7, 9.5};
            for (int block = 0; block < 4; block++) {
                int from = block * 10_000 + 5;
                int to = (block + 1) * 10_000 - 5;
                // 10% label noise: the block's own rule agrees about 90% of the time.
                assertThat(agreement(rows, from, to, thetas[block])).as("block %d", block).isBetween(0.88, 0.92);
                if (block > 0) {
                    assertThat(agreement(rows, from, to, thetas[block - 1])).as("block %d, old rule", block)
                            .isLessThan(0.86);
                }
            }
        }

        @Test
        void incrementalScenariosHaveNoDriftPoints() {
            assertThat(DriftScenario.named("hyperplane", 1_000, 1).driftPoints()).isEmpty();
            assertThat(DriftScenario.named("rbf-drift", 1_000, 1).driftPoints()).isEmpty();
            assertThat(DriftScenario.named("stagger", 3_000, 1).driftPoints()).containsExactly(1_000L, 2_000L);
        }

        @Test
        void anUnknownNameListsTheKnownOnes() {
            assertThatThrownBy(() -> DriftScenario.named("sae", 1_000, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown generator 'sae': use one of [sea, agrawal, hyperplane, stagger, rbf-drift]");
        }
    }

    @Test
    void generatorsValidateTheirArguments() {
        assertThatThrownBy(() -> new SeaGenerator(7, 1, 10, false)).hasMessage("SEA function must be 1..4, got 7");
        assertThatThrownBy(() -> new AgrawalGenerator(0, 1, 0.05, false)).hasMessage("Agrawal function must be 1..10, got 0");
        assertThatThrownBy(() -> new StaggerGenerator(4, 1, false)).hasMessage("STAGGER function must be 1..3, got 4");
        assertThatThrownBy(() -> new ConceptDriftStream(new SeaGenerator(1, 1, 10, false), new StaggerGenerator(1, 1, false),
                10, 1, 1)).hasMessageContaining("share a schema");
    }

    @Test
    void balancingAlternatesClassesStartingWithOne() {
        SeaGenerator balanced = new SeaGenerator(3, 1, 0, true);
        for (int i = 0; i < 100; i++) {
            assertThat(balanced.next().label()).isEqualTo(i % 2 == 0 ? 1 : 0);
        }
    }
}
