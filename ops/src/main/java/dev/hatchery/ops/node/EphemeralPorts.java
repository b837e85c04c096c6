package dev.hatchery.ops.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The ports the operating system hands out as the local ports of outgoing connections. A member
 * listening in that range can be reached by its own reconnect attempt: when a peer on the same
 * host dies, a connect to the dead peer's port may be given that very port as its local one and
 * connect to itself, after which Hazelcast fails every call to the dead peer with "Connecting to
 * self!" instead of treating it as gone.
 */
public record EphemeralPorts(int lowest, int highest) {

    /** Where Linux keeps the range. */
    public static final Path LINUX = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    public EphemeralPorts {
        if (lowest < 1 || highest > 65_535 || lowest > highest) {
            throw new IllegalArgumentException("not a port range: " + lowest + "–" + highest);
        }
    }

    /** The range the file gives (two numbers), or empty where there is no such file or it says something else. */
    public static Optional<EphemeralPorts> read(Path file) {
        try {
            String[] bounds = Files.readString(file).trim().split("\\s+");
            return bounds.length == 2
                    ? Optional.of(new EphemeralPorts(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    public boolean holds(int port) {
        return port >= lowest && port <= highest;
    }
}
