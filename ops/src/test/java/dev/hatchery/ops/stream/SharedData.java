package dev.hatchery.ops.stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code shared/data} beside the checkout, where CI and developers have it; a user's clone may not. */
final class SharedData {

    private SharedData() {
    }

    static Optional<Path> find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate.resolve("synthetic").resolve("moa_golden"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The folder, or the test is skipped with a message saying why. */
    static Path require() {
        Optional<Path> found = find();
        assumeTrue(found.isPresent(), "../shared/data is absent beside this checkout: the reference outputs of the "
                + "drift generators cannot be compared, so this check is skipped");
        return found.orElseThrow();
    }
}
