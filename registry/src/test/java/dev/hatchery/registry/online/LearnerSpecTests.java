package dev.hatchery.registry.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LearnerSpecTests {

    @Nested
    class AsText {

        @Test
        void aShortNameIsTheKindWithMoasDefaultsTheDefaultSeedAndClassCapacity() {
            assertThat(LearnerSpec.parse("hat")).isEqualTo(new LearnerSpec(LearnerKind.HOEFFDING_ADAPTIVE_TREE, "",
                    LearnerSpec.DEFAULT_SEED, LearnerSpec.DEFAULT_MAX_CLASSES));
            assertThat(LearnerSpec.parse("lr").kind()).isEqualTo(LearnerKind.LOGISTIC_REGRESSION);
            assertThat(LearnerSpec.parse("levbag").kind()).isEqualTo(LearnerKind.LEVERAGING_BAGGING);
        }

        @Test
        void moaTextNamesTheClassAndItsOptionsAndReadsBackTheSame() {
            LearnerSpec spec = LearnerSpec.parse("  moa:meta.LeveragingBag   -s 10 ");

            assertThat(spec.kind()).isEqualTo(LearnerKind.LEVERAGING_BAGGING);
            assertThat(spec.options()).isEqualTo("-s 10");
            assertThat(spec.text()).isEqualTo("moa:meta.LeveragingBag -s 10");
            assertThat(LearnerSpec.parse(spec.text())).isEqualTo(spec);
        }

        @ParameterizedTest
        @ValueSource(strings = {"hat", "arf", "levbag", "lr", "moa:trees.HoeffdingAdaptiveTree -g 100",
                "moa:meta.AdaptiveRandomForest -s 10 -j 1"})
        void everyTextReadsBackIntoTheSameSpec(String text) {
            LearnerSpec spec = LearnerSpec.parse(text);

            assertThat(LearnerSpec.parse(spec.text())).isEqualTo(spec);
        }

        @Test
        void theFullyQualifiedClassNameAndTheShortNameWithOptionsMeanTheSame() {
            assertThat(LearnerSpec.parse("moa:moa.classifiers.meta.LeveragingBag -s 3"))
                    .isEqualTo(LearnerSpec.parse("moa:meta.LeveragingBag -s 3"))
                    .isEqualTo(LearnerSpec.parse("levbag -s 3"));
        }

        @Test
        void seedAndClassCapacityAreSetApartFromTheText() {
            LearnerSpec spec = LearnerSpec.parse("arf").withSeed(7).withMaxClasses(3);

            assertThat(spec.seed()).isEqualTo(7);
            assertThat(spec.maxClasses()).isEqualTo(3);
            assertThat(spec.text()).isEqualTo("arf");
        }
    }

    @Nested
    class Refused {

        @Test
        void anUnknownNameListsTheKnownOnes() {
            assertThatThrownBy(() -> LearnerSpec.parse("forest")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown learner 'forest'").hasMessageContaining("[hat, arf, levbag, lr]")
                    .hasMessageContaining("meta.LeveragingBag");
        }

        @Test
        void streamingRandomPatchesBecauseItCannotBeSerialized() {
            assertThatThrownBy(() -> LearnerSpec.parse("moa:meta.StreamingRandomPatches -s 3"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not survive Java serialization")
                    .hasMessageContaining("NotSerializableException");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2", "-1"})
        void anAdaptiveRandomForestOnSeveralThreadsBecauseItsPoolCannotBeSerialized(String jobs) {
            assertThatThrownBy(() -> LearnerSpec.parse("moa:meta.AdaptiveRandomForest -s 3 -j " + jobs))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-j " + jobs + " trains on a thread pool").hasMessageContaining("use -j 1");
        }

        @Test
        void aSeedInTheOptionsBecauseTheSeedIsSetOnItsOwn() {
            assertThatThrownBy(() -> LearnerSpec.parse("moa:meta.LeveragingBag -r 3"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give it as the seed");
        }

        @Test
        void optionsMoaRefusesWithMoasReason() {
            assertThatThrownBy(() -> LearnerSpec.parse("moa:meta.LeveragingBag -s ten"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("learner 'moa:meta.LeveragingBag -s ten': MOA refuses it");
        }

        @Test
        void everyProblemAtOnce() {
            assertThatThrownBy(() -> new LearnerSpec(LearnerKind.LOGISTIC_REGRESSION, "-l 0.5", 1, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxClasses 1 is not between 2 and 10000")
                    .hasMessageContaining("lr takes no options, got '-l 0.5'");
        }
    }
}
