package dev.hatchery.ops.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.Label;
import dev.hatchery.registry.TestMembers;
import dev.hatchery.scorer.Event;
import dev.hatchery.scorer.ScorerMaps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PacedFeedTests {

    private HazelcastInstance member;

    @BeforeEach
    void start() {
        member = TestMembers.standalone(config -> { });
    }

    @AfterEach
    void stop() {
        member.shutdown();
    }

    @Test
    void writesEachLabelDelayRowsAfterItsEventAndNeverBeforeIt() {
        IMap<String, Event> events = ScorerMaps.events(member);
        IMap<String, Label> labels = FeedbackMaps.labels(member);
        PacedFeed feed = new PacedFeed(member, "m", 3, 1_000_000, 4);

        for (int i = 0; i < 10; i++) {
            boolean wrote = feed.add("e" + i, new double[] {i}, i % 2 == 0 ? "even" : "odd");
            assertThat(wrote).as("a batch is written every 4 rows").isEqualTo((i + 1) % 4 == 0);
            assertThat(events.keySet()).containsAll(labels.keySet());
        }
        assertThat(events.keySet()).containsExactlyInAnyOrder("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7");
        assertThat(labels.keySet()).as("labels of rows 0..4, written with row 7's batch")
                .containsExactlyInAnyOrder("e0", "e1", "e2", "e3", "e4");

        feed.finish();

        assertThat(feed.rows()).isEqualTo(10);
        assertThat(events.size()).isEqualTo(10);
        assertThat(labels.size()).isEqualTo(10);
        assertThat(labels.get("e9").label()).isEqualTo("odd");
        assertThat(events.get("e9").features()).containsExactly(9.0);
    }

    @Test
    void refusesSettingsThatCannotFeed() {
        assertThatThrownBy(() -> new PacedFeed(member, "m", -1, 10, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labelDelay");
        assertThatThrownBy(() -> new PacedFeed(member, "m", 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
