package dev.hatchery.trainer;

import dev.hatchery.registry.ModelRegistry;
import dev.hatchery.registry.TrainedModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last champion each model's runs compared with, loaded once: one forest per model, not one
 * per version ever served.
 */
final class Champions {

    private final ModelRegistry registry;
    private final Map<String, Champion> byModel = new ConcurrentHashMap<>();

    Champions(ModelRegistry registry) {
        this.registry = registry;
    }

    TrainedModel of(String model, int version) {
        return byModel.compute(model, (key, cached) -> cached != null && cached.version() == version ? cached
                : new Champion(version, registry.load(model, version))).model();
    }

    private record Champion(int version, TrainedModel model) {
    }
}
