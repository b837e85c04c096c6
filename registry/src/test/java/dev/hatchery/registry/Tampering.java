package dev.hatchery.registry;

import com.hazelcast.core.HazelcastInstance;
import java.util.List;

/**
 * Registers versions whose bytes are not what a trainer would store — corrupt, tampered with
 * or not a model at all — the way an attacker or a broken disk would, for tests of whatever
 * must refuse them. Shared through this module's test jar.
 */
public final class Tampering {

    private Tampering() {
    }

    /** Stores {@code bytes} as the artifact of the model's next version, recorded with {@code sha256}. */
    public static ModelVersion registerBytes(HazelcastInstance hazelcast, String model, List<String> features,
            List<String> classes, byte[] bytes, String sha256) {
        int number = Math.toIntExact(hazelcast.<String, Long>getMap(RegistryMaps.SEQUENCES).executeOnKey(model,
                new NextNumber()));
        ModelVersion version = new ModelVersion(model, number, Algorithm.LOGISTIC_REGRESSION, features, classes, sha256,
                bytes.length, System.currentTimeMillis(), 0, 1.0, "tampered");
        hazelcast.getMap(RegistryMaps.ARTIFACTS).set(version.key(), bytes);
        hazelcast.getMap(RegistryMaps.VERSIONS).set(version.key(), version);
        return version;
    }
}
