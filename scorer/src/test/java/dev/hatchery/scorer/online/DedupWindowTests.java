package dev.hatchery.scorer.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DedupWindowTests {

    /** Which of the ids the window takes for duplicates, in order. */
    private static List<Boolean> duplicates(DedupWindow window, List<String> ids) {
        List<Boolean> seen = new ArrayList<>();
        ids.forEach(id -> seen.add(window.seenThenRecord(id)));
        return seen;
    }

    @Nested
    class AnEntry {

        @Test
        void isADuplicateWhenItsIdIsAmongTheWindowsEntriesBeforeIt() {
            assertThat(duplicates(new DedupWindow(3), List.of("a", "b", "a", "c", "b")))
                    .containsExactly(false, false, true, false, true);
        }

        @Test
        void isNoDuplicateWhenItsIdLastCameMoreThanTheWindowBefore() {
            // "a" at 0, then 3 others: at 4 it is 4 entries back, beyond a window of 3.
            assertThat(duplicates(new DedupWindow(3), List.of("a", "b", "c", "d", "a")))
                    .containsExactly(false, false, false, false, false);
        }

        @Test
        void thatWasSkippedStillCountsForTheOnesAfterIt() {
            // The second "a" (a duplicate) is 2 back from the third: within the window, though the first is not.
            assertThat(duplicates(new DedupWindow(2), List.of("a", "x", "a", "y", "a")))
                    .containsExactly(false, false, true, false, true);
        }

        @Test
        void isNeverADuplicateInAWindowOfNone() {
            assertThat(duplicates(new DedupWindow(0), List.of("a", "a", "a"))).containsOnly(false);
        }
    }

    @Test
    void aWindowGivenTheIdsBeforeAPositionDecidesAsOneThatSawTheWholeLog() {
        Random random = new Random(5);
        List<String> log = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            log.add("e" + random.nextInt(600));
        }
        for (int window : List.of(1, 7, 100, 1_000)) {
            List<Boolean> whole = duplicates(new DedupWindow(window), log);
            for (int start : List.of(0, 1, 50, 2_345, 4_999)) {
                List<String> before = log.subList(Math.max(0, start - window), start);
                List<Boolean> resumed = duplicates(new DedupWindow(window, before), log.subList(start, log.size()));
                assertThat(resumed).as("window " + window + " from " + start).isEqualTo(whole.subList(start, log.size()));
            }
        }
    }

    @Test
    void keepsTheNewestIdsOldestFirstAndOnlyTheWindowsWorth() {
        DedupWindow window = new DedupWindow(3, List.of("a", "b", "c", "d"));
        duplicates(window, List.of("e"));

        assertThat(window.recent()).containsExactly("c", "d", "e");
        assertThat(duplicates(window, List.of("b"))).containsExactly(false);
        assertThatThrownBy(() -> new DedupWindow(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
