package dev.hatchery.trainer;

import dev.hatchery.registry.ReadOnlyMap;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.Outcome;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.scorer.ScorerMaps;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each window strategy against the outcomes a plain sort of the map picks. */
class OutcomeWindowTests {

    private static final String MODEL = "windowed";
    private static final int ROWS = 5_000;
    private static HazelcastInstance member;
    private static IMap<String, Outcome> outcomes;

    /** Outcomes with event times 0, 10, 20, … in shuffled order, and another model's among them. */
    @BeforeAll
    static void outcomes() {
        member = TestMembers.standalone(config -> {
            ScorerMaps.configure(config, 10_000);
            FeedbackMaps.configure(config, 10_000);
        });
        outcomes = FeedbackMaps.outcomes(member);
        Map<String, Outcome> batch = new HashMap<>();
        List<Integer> order = new java.util.ArrayList<>(IntStream.range(0, ROWS).boxed().toList());
        java.util.Collections.shuffle(order, new Random(3));
        for (int i : order) {
            batch.put(MODEL + i, outcome(MODEL, i));
            batch.put("other" + i, outcome("other", i));
        }
        outcomes.putAll(batch);
    }

    private static Outcome outcome(String model, int i) {
        return new Outcome(MODEL.equals(model) ? MODEL + i : "other" + i, model, 1, 1, new double[] {i}, 0, "a", 0,
                "a", i * 10L, 0);
    }

    @AfterAll
    static void stop() {
        member.shutdown();
    }

    private static List<Long> times(OutcomeWindow window) {
        return window.outcomes().stream().map(Outcome::eventTimeMillis).toList();
    }

    private static List<Long> expected(int fromRow, int toRow) {
        return IntStream.range(fromRow, toRow).mapToObj(i -> i * 10L).toList();
    }

    @Test
    void lastRowsTakesTheNewestByEventTimeOldestFirst() {
        OutcomeWindow window = OutcomeWindow.read(ReadOnlyMap.of(outcomes), MODEL, new TrainingWindow.LastRows(10, 1_234), 0);
        assertThat(times(window)).isEqualTo(expected(ROWS - 1_234, ROWS));
    }

    @Test
    void lastTimeCountsBackFromTheNewestOutcomeAndKeepsTheRowLimit() {
        assertThat(times(OutcomeWindow.read(ReadOnlyMap.of(outcomes), MODEL, new TrainingWindow.LastTime(5_000, 10, 10_000), 0)))
                .isEqualTo(expected(ROWS - 501, ROWS));
        assertThat(times(OutcomeWindow.read(ReadOnlyMap.of(outcomes), MODEL, new TrainingWindow.LastTime(50_000, 10, 2_000), 0)))
                .isEqualTo(expected(ROWS - 2_000, ROWS));
    }

    @Test
    void sinceDriftStartsAtTheDriftAndReachesBackOnlyForItsMinimum() {
        long drift = (ROWS - 3_000) * 10L;
        assertThat(times(OutcomeWindow.read(ReadOnlyMap.of(outcomes), MODEL, new TrainingWindow.SinceDrift(1_000, 5_000), drift)))
                .isEqualTo(expected(ROWS - 3_000, ROWS));
        assertThat(times(OutcomeWindow.read(ReadOnlyMap.of(outcomes), MODEL, new TrainingWindow.SinceDrift(1_000, 2_000), drift)))
                .isEqualTo(expected(ROWS - 2_000, ROWS));
        long lateDrift = (ROWS - 300) * 10L;
        assertThat(times(OutcomeWindow.read(ReadOnlyMap.of(outcomes), MODEL, new TrainingWindow.SinceDrift(1_000, 5_000), lateDrift)))
                .as("300 rows since the drift are too few: the newest 1,000").isEqualTo(expected(ROWS - 1_000, ROWS));
    }

    @Test
    void theHoldoutIsTheNewestRowsTheChampionDidNotTrainOnAndComesLast() {
        OutcomeWindow window = OutcomeWindow.read(ReadOnlyMap.of(outcomes), MODEL, new TrainingWindow.LastRows(10, 100), 0);

        OutcomeWindow.Split untouched = window.holdingOut(20, Set.of(MODEL + 0, MODEL + 4_950));
        assertThat(untouched.holdoutRows()).isEqualTo(20);
        assertThat(untouched.window()).as("no champion row among the newest: the order stays").isEqualTo(window);

        // The champion trained on the 10 newest rows: the holdout reaches past them, and they train the challenger.
        Set<String> newestTen = IntStream.range(ROWS - 10, ROWS).mapToObj(i -> MODEL + i).collect(Collectors.toSet());
        OutcomeWindow.Split split = window.holdingOut(20, newestTen);
        assertThat(split.holdoutRows()).isEqualTo(20);
        List<Long> ordered = times(split.window());
        assertThat(ordered.subList(80, 100)).isEqualTo(expected(ROWS - 30, ROWS - 10));
        assertThat(ordered.subList(0, 80)).containsExactlyElementsOf(
                java.util.stream.Stream.concat(expected(ROWS - 100, ROWS - 30).stream(),
                        expected(ROWS - 10, ROWS).stream()).toList());
        assertThat(split.window().startEventTime()).isEqualTo((ROWS - 100) * 10L);
        assertThat(split.window().endEventTime()).isEqualTo((ROWS - 1) * 10L);

        Set<String> all = window.outcomes().stream().map(Outcome::eventId).collect(Collectors.toSet());
        assertThat(window.holdingOut(20, all).holdoutRows()).as("nothing can judge a champion on its own rows").isZero();
    }

    @Test
    void aWindowOfAModelWithoutOutcomesIsEmpty() {
        assertThat(OutcomeWindow.read(ReadOnlyMap.of(outcomes), "none", new TrainingWindow.LastTime(5_000, 10, 100), 0).size()).isZero();
        assertThat(OutcomeWindow.read(ReadOnlyMap.of(outcomes), "none", new TrainingWindow.LastRows(10, 100), 0).size()).isZero();
    }
}
