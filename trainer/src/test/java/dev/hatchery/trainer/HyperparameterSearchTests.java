package dev.hatchery.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hatchery.registry.Algorithm;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HyperparameterSearchTests {

    private static final SearchSettings ON = new SearchSettings(true, 60_000, 8, 0.2);

    /**
     * Class = x1 falls in an odd unit band of [0, 10). Greedy splits cut the bands out one by one:
     * measured, a tree of depth 5 scores 0.73 on held-out rows, one of depth 10 0.99.
     */
    private static TrainingData bands(int n, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {10 * random.nextDouble(), random.nextDouble()};
            y[i] = (int) x[i][0] % 2;
        }
        return new TrainingData(List.of("x1", "noise"), List.of("even", "odd"), x, y);
    }

    /** Class = x1 + x2 > 1, with 10% of the labels flipped. */
    private static TrainingData linear(int n, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {random.nextDouble(), random.nextDouble()};
            y[i] = (x[i][0] + x[i][1] > 1 ? 1 : 0) ^ (random.nextInt(10) == 0 ? 1 : 0);
        }
        return new TrainingData(List.of("a", "b"), List.of("no", "yes"), x, y);
    }

    /** A clock that moves {@code stepMillis} on at each reading. */
    private static InstantSource ticking(long stepMillis) {
        return new InstantSource() {
            private long now;

            @Override
            public Instant instant() {
                now += stepMillis;
                return Instant.ofEpochMilli(now);
            }
        };
    }

    @Test
    void picksAClearlyBetterOptionWhenTheGridHasOne() {
        FitOptions shallow = new FitOptions(1, 5, 1_000, 5, 0.05, 0.1, 1, 1);
        SearchResult result = HyperparameterSearch.search(bands(2_000, 1), Algorithm.DECISION_TREE, shallow, ON);

        SearchResult.Trial base = result.trials().getFirst();
        assertThat(base.options()).isEqualTo(shallow);
        assertThat(result.best().maxDepth()).isEqualTo(10);
        assertThat(result.validationAccuracy()).isGreaterThan(0.95).isGreaterThan(base.validationAccuracy() + 0.2);
        assertThat(result.trials()).extracting(SearchResult.Trial::validationAccuracy)
                .allSatisfy(accuracy -> assertThat(accuracy).isLessThanOrEqualTo(result.validationAccuracy()));
    }

    @Test
    void keepsTheEarliestOfEquallyGoodOptions() {
        // Every node size at or below the band width fits five clean bands perfectly: the base is kept.
        FitOptions deep = new FitOptions(1, 10, 1_000, 2, 0.05, 0.1, 1, 1);
        SearchResult result = HyperparameterSearch.search(bands(2_000, 2), Algorithm.DECISION_TREE, deep, ON);
        assertThat(result.trials()).filteredOn(t -> t.validationAccuracy() == result.validationAccuracy()).hasSizeGreaterThan(1);
        assertThat(result.best()).isEqualTo(deep);
    }

    @Test
    void scoresEveryTrialOnTheNewestRowsOfTheTrainingDataAndNothingElse() {
        TrainingData train = linear(1_000, 3);
        SearchResult result = HyperparameterSearch.search(train, Algorithm.LOGISTIC_REGRESSION, FitOptions.DEFAULTS, ON);

        assertThat(result.trialsRun()).isEqualTo(6);
        for (SearchResult.Trial trial : result.trials()) {
            double plainly = ModelFit.accuracy(
                    ModelFit.fit(train.slice(0, 800), Algorithm.LOGISTIC_REGRESSION, trial.options()), train.slice(800, 1_000));
            assertThat(trial.validationAccuracy()).isEqualTo(plainly);
        }
    }

    @Test
    void validatesOnRowsNoTrialTrainedOn() {
        // The newest fifth has the opposite concept: a model trained on any of it would score above 0.5.
        TrainingData train = linear(1_000, 4);
        int[] y = train.y().clone();
        for (int i = 800; i < 1_000; i++) {
            y[i] = 1 - y[i];
        }
        TrainingData flippedTail = new TrainingData(train.features(), train.classes(), train.x(), y);
        SearchResult result = HyperparameterSearch.search(flippedTail, Algorithm.DECISION_TREE, FitOptions.DEFAULTS, ON);
        assertThat(result.trials()).allSatisfy(trial -> assertThat(trial.validationAccuracy()).isLessThan(0.3));
    }

    @Nested
    class TheBudget {

        @Test
        void withATinyBudgetOnlyTheConfiguredOptionsAreTried() {
            SearchResult result = HyperparameterSearch.search(linear(2_000, 5), Algorithm.RANDOM_FOREST,
                    FitOptions.DEFAULTS, new SearchSettings(true, 1, 8, 0.2));
            assertThat(result.trialsRun()).isEqualTo(1);
            assertThat(result.best()).isEqualTo(FitOptions.DEFAULTS);
            assertThat(result.trials().getFirst().fitMillis()).isGreaterThanOrEqualTo(1);
        }

        @Test
        void noTrialStartsOnceItIsSpentButTheRunningOneFinishes() {
            // Each reading moves 10 ms: a trial "takes" 10 ms, and the checks before trials 2, 3 and 4
            // see 30, 60 and 90 ms spent. With 65 ms, three trials run and the third ends at 80 ms.
            SearchResult result = HyperparameterSearch.search(linear(500, 6), Algorithm.DECISION_TREE,
                    FitOptions.DEFAULTS, RecencyWeighting.DEFAULTS, new SearchSettings(true, 65, 8, 0.2), ticking(10));
            assertThat(result.trialsRun()).isEqualTo(3);
            assertThat(result.trials()).extracting(SearchResult.Trial::fitMillis).containsExactly(10L, 10L, 10L);
            assertThat(result.trials()).extracting(SearchResult.Trial::options)
                    .containsExactlyElementsOf(HyperparameterSearch.candidates(Algorithm.DECISION_TREE, FitOptions.DEFAULTS)
                            .subList(0, 3));
        }

        @Test
        void noMoreThanMaxTrialsRun() {
            SearchResult result = HyperparameterSearch.search(linear(500, 7), Algorithm.DECISION_TREE,
                    FitOptions.DEFAULTS, new SearchSettings(true, 60_000, 2, 0.2));
            assertThat(result.trialsRun()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theGridStartsWithTheConfiguredOptionsAndTriesNothingTwice(Algorithm algorithm) {
        for (FitOptions base : new FitOptions[] {FitOptions.DEFAULTS, new FitOptions(1, 2, 2, 1, 1.0, 0, 1, 1)}) {
            List<FitOptions> grid = HyperparameterSearch.candidates(algorithm, base);
            assertThat(grid.getFirst()).isEqualTo(base);
            assertThat(grid).doesNotHaveDuplicates();
            assertThat(grid.size()).isGreaterThan(1);
        }
    }

    @Test
    void whenOffReturnsTheConfiguredOptionsUntried() {
        SearchResult result = HyperparameterSearch.search(linear(500, 8), Algorithm.RANDOM_FOREST, FitOptions.DEFAULTS,
                SearchSettings.DEFAULTS);
        assertThat(result.best()).isEqualTo(FitOptions.DEFAULTS);
        assertThat(result.trialsRun()).isZero();
        assertThat(result.validationAccuracy()).isNaN();
    }

    @Test
    void refusesTrainingDataTooSmallToHoldRowsOut() {
        assertThatThrownBy(() -> HyperparameterSearch.search(linear(2, 9), Algorithm.DECISION_TREE, FitOptions.DEFAULTS,
                ON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot hold out 0.2 of 2 training rows for validation: that leaves 0 rows to validate on "
                        + "and 2 to fit; train on more rows, or change the validation fraction");
    }

    @Test
    void settingsNameEveryProblem() {
        assertThat(SearchSettings.DEFAULTS).isEqualTo(new SearchSettings(false, 10_000, 8, 0.2));
        assertThatThrownBy(() -> new SearchSettings(true, 0, 0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid search budget: 0 ms (1 or more); Invalid number of trials: 0 (1 or more); "
                        + "Invalid validation fraction: 1.0 (in (0, 1))");
    }
}
