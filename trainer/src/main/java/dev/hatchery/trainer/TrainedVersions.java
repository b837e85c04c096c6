package dev.hatchery.trainer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.feedback.FeedbackMaps;
import dev.hatchery.feedback.datadrift.FeatureReference;
import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.ModelVersion;
import dev.hatchery.registry.Registration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Registers what the trainer trained, with what belongs to each version: its features'
 * training reference and the event ids of its rows ({@code training_windows}).
 */
final class TrainedVersions {

    private final HazelcastInstance hazelcast;
    private final ModelRegistry registry;
    private final IMap<String, String[]> windows;

    TrainedVersions(HazelcastInstance hazelcast, ModelRegistry registry) {
        this.hazelcast = hazelcast;
        this.registry = registry;
        this.windows = hazelcast.getMap(TrainerMaps.WINDOWS);
    }

    /**
     * Registers a version with what belongs to it, all written before the version record makes
     * it visible: the training reference of its features (which the feedback job compares recent
     * events with) and the event ids of the rows, under {@code rowsKey} (the run's id). A member
     * dying halfway leaves no version at all.
     */
    ModelVersion register(Registration registration, TrainingData train, String rowsKey, List<String> rowIds) {
        FeatureReference reference = FeatureReference.of(train.features(), train.x());
        return registry.register(registration, version -> {
            FeedbackMaps.recordReference(hazelcast, version.model(), version.version(), reference);
            if (!rowIds.isEmpty()) {
                keepRows(rowsKey, rowIds);
            }
        });
    }

    void keepRows(String rowsKey, List<String> rowIds) {
        windows.set(rowsKey, rowIds.toArray(String[]::new));
    }

    /** The event ids kept under {@code rowsKey}, in training order; null if none (or expired). */
    String @Nullable [] rows(String rowsKey) {
        return windows.get(rowsKey);
    }
}
