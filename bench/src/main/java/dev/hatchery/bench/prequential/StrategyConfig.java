package dev.hatchery.bench.prequential;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hatchery.ops.config.ClusterSettings;
import dev.hatchery.ops.config.HatcheryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a strategy's YAML, with the settings of an experiment laid over it, into a
 * {@link HatcheryConfig} through the very parser {@code hatchery.yaml} goes through.
 */
final class StrategyConfig {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private StrategyConfig() {
    }

    /**
     * @param overrides YAML whose keys replace the strategy's and the defaults' (for experiments); may be blank
     */
    static HatcheryConfig of(Strategy strategy, String overrides, ClusterSettings cluster) {
        Map<String, Object> merged = merge(read(strategy.yaml()), read(overrides));
        try {
            Path file = Files.createTempFile("hatchery-prequential-", ".yaml");
            try {
                Files.writeString(file, merged.isEmpty() ? "" : YAML.writeValueAsString(merged));
                return HatcheryConfig.load(file).withCluster(cluster);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary configuration file: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String yaml) {
        if (yaml.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            Object tree = YAML.readValue(yaml, Object.class);
            if (!(tree instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("a configuration must be a YAML mapping, got: " + yaml.strip());
            }
            return new LinkedHashMap<>((Map<String, Object>) map);
        } catch (IOException e) {
            throw new IllegalArgumentException("not YAML: " + e.getMessage(), e);
        }
    }

    /** {@code over}'s keys win; sections present in both are merged key by key. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        over.forEach((key, value) -> {
            if (merged.get(key) instanceof Map<?, ?> inBase && value instanceof Map<?, ?> inOver) {
                merged.put(key, merge((Map<String, Object>) inBase, (Map<String, Object>) inOver));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }
}
