package dev.hatchery.scorer;

import dev.hatchery.registry.Shadow;
import dev.hatchery.registry.TrainedModel;

/** A shadow version loaded and checked on this member: it scores beside the serving version, never instead. */
record LoadedShadow(Shadow shadow, TrainedModel model) {

    int version() {
        return shadow.version();
    }
}
