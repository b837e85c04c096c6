package dev.hatchery.bench.hotswap;

import dev.hatchery.ops.config.ClusterSettings;
import dev.hatchery.ops.config.HatcheryConfig;
import dev.hatchery.ops.node.HatcheryNode;
import dev.hatchery.ops.node.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** The members a benchmark runs on: one embedded in this JVM, or node processes on loopback. */
final class Members {

    private static final int EMBEDDED_PORT = 5801;
    private static final int PROCESS_PORT = 5821;

    private Members() {
    }

    /** A member in this JVM, in a cluster of its own, with its maps and holder but no jobs yet. */
    static HatcheryNode embedded(int journalCapacity) {
        HatcheryConfig defaults = HatcheryConfig.DEFAULTS;
        HatcheryConfig config = new HatcheryConfig(
                new ClusterSettings(newName(), "127.0.0.1", EMBEDDED_PORT, List.of("127.0.0.1:" + EMBEDDED_PORT)),
                defaults.jobs(), journalCapacity, defaults.holder(), defaults.feedback(), defaults.trainer());
        return HatcheryNode.start(config);
    }

    /** {@code count} {@code hatchery node} processes forming one cluster. */
    static LocalCluster processes(int count, String extraYaml) {
        return processes(count, extraYaml, LocalCluster.DEFAULT_HEAP_MEGABYTES);
    }

    /** As {@link #processes(int, String)}, each node with a heap of at most {@code heapMegabytes}. */
    static LocalCluster processes(int count, String extraYaml, int heapMegabytes) {
        try {
            Path dir = Files.createTempDirectory("hatchery-bench-");
            return LocalCluster.start(newName(), count, PROCESS_PORT, dir, extraYaml, heapMegabytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newName() {
        return "hatchery-bench-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
