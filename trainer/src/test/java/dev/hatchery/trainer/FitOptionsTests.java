package dev.hatchery.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FitOptionsTests {

    @Nested
    class AsText {

        @Test
        void namesEveryOptionInTheOrderOfTheConstructor() {
            assertThat(FitOptions.DEFAULTS.toText())
                    .isEqualTo("trees=100,maxDepth=10,maxNodes=1000,nodeSize=5,shrinkage=0.05,lambda=0.1,parallelism=1,seed=1");
        }

        @Test
        void readsBackTheVeryOptionsItWasWrittenFrom() {
            FitOptions awkward = new FitOptions(7, 2, 2, 1, 0.1 + 0.2, 1e-5, 3, Long.MIN_VALUE);
            assertThat(awkward.toText()).contains("shrinkage=0.30000000000000004", "lambda=1.0E-5");
            for (FitOptions options : new FitOptions[] {FitOptions.DEFAULTS, awkward,
                    new FitOptions(1, 1_000, 10_000_000, 1_000_000, 1.0, Double.MIN_VALUE, 1_024, Long.MAX_VALUE),
                    new FitOptions(5, 3, 8, 2, Math.PI / 10, 0, 2, -1)}) {
                FitOptions back = FitOptions.parse(options.toText());
                assertThat(back).isEqualTo(options);
                assertThat(Double.doubleToRawLongBits(back.shrinkage())).isEqualTo(Double.doubleToRawLongBits(options.shrinkage()));
                assertThat(back.toText()).isEqualTo(options.toText());
            }
        }

        @Test
        void takesTheKeysInAnyOrder() {
            assertThat(FitOptions.parse("seed=1,parallelism=1,lambda=0.1,shrinkage=0.05,nodeSize=5,maxNodes=1000,maxDepth=10,trees=100"))
                    .isEqualTo(FitOptions.DEFAULTS);
        }
    }

    @Nested
    class MalformedText {

        @Test
        void namesEveryProblemAtOnceAndShowsTheForm() {
            assertThatThrownBy(() -> FitOptions.parse("trees=100,depth=3,trees=5,nodeSize,shrinkage=0.05"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot read fit options 'trees=100,depth=3,trees=5,nodeSize,shrinkage=0.05': "
                            + "unknown key 'depth'; trees is given twice; 'nodeSize' is not key=value; "
                            + "maxDepth is missing; maxNodes is missing; nodeSize is missing; lambda is missing; "
                            + "parallelism is missing; seed is missing (write every one of [trees, maxDepth, maxNodes, "
                            + "nodeSize, shrinkage, lambda, parallelism, seed] once, e.g. "
                            + "trees=100,maxDepth=10,maxNodes=1000,nodeSize=5,shrinkage=0.05,lambda=0.1,parallelism=1,seed=1)");
        }

        @Test
        void namesValuesThatAreNotNumbers() {
            assertThatThrownBy(() -> FitOptions.parse(
                    "trees=many,maxDepth=10,maxNodes=1000,nodeSize=5,shrinkage=fast,lambda=0.1,parallelism=1.5,seed=1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("trees is 'many', not a whole number; shrinkage is 'fast', not a number; "
                            + "parallelism is '1.5', not a whole number (write every one of");
        }

        @Test
        void namesValuesTheOptionsRefuse() {
            assertThatThrownBy(() -> FitOptions.parse(
                    "trees=0,maxDepth=10,maxNodes=1000,nodeSize=5,shrinkage=2.0,lambda=0.1,parallelism=1,seed=1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Invalid number of trees: 0; Invalid shrinkage: 2.0 (in (0, 1])");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", ",", "trees=100,", " 0.05", "0.05d", "0x1p-4", "0.05f"})
        void refusesWhatToTextNeverWrites(String oddity) {
            String text = oddity.startsWith(" ") || oddity.startsWith("0")
                    ? "trees=100,maxDepth=10,maxNodes=1000,nodeSize=5,shrinkage=" + oddity + ",lambda=0.1,parallelism=1,seed=1"
                    : oddity;
            assertThatThrownBy(() -> FitOptions.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("cannot read fit options '" + text + "': ");
        }
    }
}
