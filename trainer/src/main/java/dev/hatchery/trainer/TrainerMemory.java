package dev.hatchery.trainer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.jspecify.annotations.Nullable;

/** What the trainer remembers of each model between runs ({@link TrainerState}), in the cluster. */
final class TrainerMemory {

    private final IMap<String, TrainerState> state;

    TrainerMemory(HazelcastInstance hazelcast) {
        this.state = hazelcast.getMap(TrainerMaps.TRAINER_STATE);
    }

    TrainerState of(String model) {
        TrainerState remembered = state.get(model);
        return remembered == null ? TrainerState.initial(model) : remembered;
    }

    void set(String model, TrainerState memory) {
        state.set(model, memory);
    }

    /** A run ended having read {@code window}: later windows start after it. */
    void remember(String model, @Nullable OutcomeWindow window, boolean deployed) {
        if (window != null && window.size() > 0) {
            set(model, of(model).finished(window.startEventTime(), window.endEventTime(), deployed));
        }
    }
}
