package dev.hatchery.scorer.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaSnapshotTests {

    private static final ReplicaSnapshot CHECKPOINT = new ReplicaSnapshot("sea", 5, new byte[] {1, 2, 3}, 3,
            List.of("e-2", "é-3", "e-4"));

    @Test
    void readsBackFromItsBytes() {
        assertThat(ReplicaSnapshot.fromBytes(CHECKPOINT.toBytes())).isEqualTo(CHECKPOINT);
    }

    @Test
    void refusesBytesThatAreNoCheckpointOrAreCutShort() {
        byte[] bytes = CHECKPOINT.toBytes();

        assertThatThrownBy(() -> ReplicaSnapshot.fromBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a replica checkpoint");
        assertThatThrownBy(() -> ReplicaSnapshot.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> ReplicaSnapshot.fromBytes(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("followed by others");
    }

    @Test
    void carriesExactlyTheIdsOfTheWindowBeforeItsSequence() {
        assertThat(new ReplicaSnapshot("sea", 2, new byte[] {1}, 3, List.of("a", "b")).recentEventIds()).hasSize(2);
        assertThatThrownBy(() -> new ReplicaSnapshot("sea", 5, new byte[] {1}, 3, List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 recent event ids, where a window of 3 at sequence 5 has 3");
        assertThatThrownBy(() -> new ReplicaSnapshot(" ", -1, new byte[0], 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the model is blank; sequence -1 is negative; the learner's bytes are empty");
    }
}
