package dev.hatchery.feedback.datadrift;

import java.io.Serializable;
import java.util.List;

/**
 * The result of one data drift check.
 *
 * @param events   how many recent events were compared
 * @param features one result per feature compared, in the reference's order
 */
public record DataDriftReport(int events, List<FeatureDrift> features) implements Serializable {

    public DataDriftReport {
        features = List.copyOf(features);
    }

    /** Whether any feature drifted. */
    public boolean drifted() {
        return features.stream().anyMatch(FeatureDrift::drifted);
    }

    /** The features that drifted, in the reference's order. */
    public List<FeatureDrift> driftedFeatures() {
        return features.stream().filter(FeatureDrift::drifted).toList();
    }
}
