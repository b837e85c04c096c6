package dev.hatchery.ops.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Nested
    class CsvFiles {

        @TempDir
        Path dir;

        @Test
        void streamsRowsWithWordLabelsAndKeepsBadCellsAsNaN() throws IOException {
            Path file = dir.resolve("prices.csv");
            Files.writeString(file, """
                    # a comment
                    price,demand,class
                    0.5,0.25,UP
                    0.1,oops,DOWN
                    "0.7",0.9,UP
                    """);
            try (CsvStream csv = CsvStream.open(file, "class")) {
                assertThat(csv.schema().features()).containsExactly("price", "demand");
                assertThat(csv.schema().classes()).containsExactly("UP", "DOWN");
                LabelledRow first = csv.next();
                assertThat(first.features()).containsExactly(0.5, 0.25);
                assertThat(first.label()).isZero();
                LabelledRow second = csv.next();
                assertThat(second.features()[1]).isNaN();
                assertThat(second.label()).isEqualTo(1);
                assertThat(csv.next().features()).containsExactly(0.7, 0.9);
                assertThat(csv.hasNext()).isFalse();
                assertThat(csv.skippedRows()).isZero();
            }
        }

        @Test
        void skipsRowsWithoutALabelAndCountsThem() throws IOException {
            Path file = dir.resolve("gaps.csv");
            Files.writeString(file, "a,b,label\n1,2,x\n5,6\n3,4,\n7,8,y\n");
            try (CsvStream csv = CsvStream.open(file, "label")) {
                assertThat(csv.schema().classes()).containsExactly("x", "y");
                assertThat(csv.next().features()).containsExactly(1.0, 2.0);
                assertThat(csv.next().features()).containsExactly(7.0, 8.0);
                assertThat(csv.hasNext()).isFalse();
                assertThat(csv.skippedRows()).isEqualTo(2);
                assertThat(csv.firstSkippedRow()).isEqualTo("5,6");
            }
        }

        @Test
        void aMissingLabelColumnIsNamedWithTheColumnsThereAre() throws IOException {
            Path file = dir.resolve("x.csv");
            Files.writeString(file, "a,b\n1,2\n");
            assertThatThrownBy(() -> CsvStream.open(file, "label"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no column 'label'; its columns are [a, b]");
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
