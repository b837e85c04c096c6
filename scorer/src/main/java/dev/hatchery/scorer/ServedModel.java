package dev.hatchery.scorer;

import dev.hatchery.registry.Lineage;
import dev.hatchery.registry.TrainedModel;
import dev.hatchery.scorer.online.Replica;
import java.util.List;

/** What answers for a version served here: a batch version's fixed model, or an online model's replica, which learns on. */
public sealed interface ServedModel {

    /** The names of an event's values, in the order the model takes them. */
    List<String> features();

    /** A Smile model, the same for every event it scores. */
    record Batch(TrainedModel model) implements ServedModel {
        @Override
        public List<String> features() {
            return model.features();
        }
    }

    /**
     * An online model's replica on this member, learning from the model's outcome log; shared by
     * the checkpoint versions published while it goes on (a checkpoint names a state it passed).
     *
     * @param lineage the served version's lineage: the checkpoint it started from, or the newest it passed
     */
    record Online(Replica replica, List<String> features, Lineage.Online lineage) implements ServedModel {
        public Online {
            features = List.copyOf(features);
        }
    }
}
