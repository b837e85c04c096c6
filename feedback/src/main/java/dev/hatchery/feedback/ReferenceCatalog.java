package dev.hatchery.feedback;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.hatchery.feedback.datadrift.DataDriftCheck;
import dev.hatchery.feedback.datadrift.DataDriftReport;
import dev.hatchery.feedback.datadrift.DataDriftSettings;
import dev.hatchery.feedback.datadrift.FeatureDrift;
import dev.hatchery.feedback.datadrift.FeatureReference;
import dev.hatchery.registry.ModelVersion;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Compares due windows with the training reference of their version, looked up in the
 * references map (blocking, so its stage is non-cooperative) and cached: a reference never
 * changes once written. A version without one (trained before references existed, or
 * registered by hand) is not checked.
 */
final class ReferenceCatalog {

    private final IMap<String, FeatureReference> references;
    private final DataDriftCheck check;
    private final Map<String, Optional<FeatureReference>> cache = new ConcurrentHashMap<>();

    ReferenceCatalog(HazelcastInstance hazelcast, DataDriftSettings settings) {
        this.references = FeedbackMaps.references(hazelcast);
        this.check = new DataDriftCheck(settings);
    }

    /** The comparison, or null (Jet drops it) if the version has no reference. */
    @Nullable DataDriftState check(DataDriftWatch.DueCheck due, long nowMillis) {
        String key = ModelVersion.key(due.model(), due.version());
        Optional<FeatureReference> reference = cache.get(key);
        if (reference == null || reference.isEmpty()) {
            // A miss is looked up again next time: the trainer writes a reference just after registering.
            reference = Optional.ofNullable(references.get(key));
            cache.put(key, reference);
        }
        if (reference.isEmpty() || reference.get().featureCount() != due.rows()[0].length) {
            return null;
        }
        Optional<DataDriftReport> report = check.check(reference.get(), due.rows());
        return report.map(r -> state(due, r, nowMillis)).orElse(null);
    }

    private static DataDriftState state(DataDriftWatch.DueCheck due, DataDriftReport report, long nowMillis) {
        String drifted = report.driftedFeatures().stream().map(FeatureDrift::feature).collect(Collectors.joining(","));
        String detail = report.features().stream()
                .map(f -> String.format(Locale.ROOT, "%s: psi %.4f ks %.4f (critical %.4f)%s", f.feature(), f.psi(),
                        f.ksStatistic(), f.ksCriticalValue(), f.drifted() ? " DRIFTED" : ""))
                .collect(Collectors.joining("; "));
        double maxPsi = report.features().stream().mapToDouble(FeatureDrift::psi).max().orElse(Double.NaN);
        double maxKs = report.features().stream().mapToDouble(FeatureDrift::ksStatistic).max().orElse(Double.NaN);
        return new DataDriftState(due.model(), due.version(), due.epoch(), due.position(), report.events(),
                report.drifted(), drifted, maxPsi, maxKs, detail, nowMillis);
    }
}
