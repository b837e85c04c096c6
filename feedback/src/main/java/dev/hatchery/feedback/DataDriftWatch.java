package dev.hatchery.feedback;

import com.hazelcast.jet.Traverser;
import com.hazelcast.jet.Traversers;
import dev.hatchery.feedback.datadrift.DataDriftCheck;
import dev.hatchery.feedback.datadrift.DataDriftSettings;
import dev.hatchery.feedback.datadrift.RecentFeatures;
import dev.hatchery.scorer.Prediction;
import java.io.Serializable;

/**
 * Keeps one model's most recent scored feature rows, of the version serving now, and says when
 * they are due for a comparison with that version's training reference. No labels needed: this
 * is the early warning. Kept in the job's snapshots.
 */
final class DataDriftWatch implements Serializable {

    private final DataDriftSettings settings;
    private final DataDriftCheck check;
    private RecentFeatures recent;
    private long epoch = -1;
    private int version;
    private int width;

    DataDriftWatch(DataDriftSettings settings) {
        this.settings = settings;
        this.check = new DataDriftCheck(settings);
        this.recent = new RecentFeatures(settings.window());
    }

    /** The rows to check, once every {@code checkEvery} predictions of the serving version. */
    Traverser<DueCheck> observe(Prediction prediction) {
        if (prediction.epoch() < epoch || prediction.features().length == 0) {
            return Traversers.empty();
        }
        if (prediction.epoch() > epoch) {
            // A new version is compared with its own reference, from its own predictions only.
            epoch = prediction.epoch();
            version = prediction.version();
            recent = new RecentFeatures(settings.window());
            width = prediction.features().length;
        }
        if (prediction.features().length != width) {
            // The scorer refuses events of another width; nothing to compare such a row with.
            return Traversers.empty();
        }
        recent.add(prediction.features());
        if (!check.isDue(recent)) {
            return Traversers.empty();
        }
        return Traversers.singleton(new DueCheck(prediction.model(), version, epoch, recent.added(), recent.rows()));
    }

    /** A window of one version's rows to compare with its reference. */
    record DueCheck(String model, int version, long epoch, long position, double[][] rows) implements Serializable {
    }
}
