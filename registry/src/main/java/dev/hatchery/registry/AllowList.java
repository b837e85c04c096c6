package dev.hatchery.registry;

import java.io.ObjectInputFilter;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A deserialization filter for artifacts, which travel between members and through the
 * registry: it allows the classes {@code allowed} names, within size limits, and remembers the
 * first class it refused so that the error can name it. One per stream.
 */
public final class AllowList implements ObjectInputFilter {

    private final Predicate<Class<?>> allowed;
    private final long maxBytes;
    private final long maxDepth;
    private final long maxReferences;
    private final long maxArrayLength;
    private volatile @Nullable String refused;

    public AllowList(Predicate<Class<?>> allowed, long maxBytes, long maxDepth, long maxReferences,
            long maxArrayLength) {
        this.allowed = allowed;
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
        this.maxReferences = maxReferences;
        this.maxArrayLength = maxArrayLength;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.streamBytes() > maxBytes || info.depth() > maxDepth || info.references() > maxReferences
                || info.arrayLength() > maxArrayLength) {
            return Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return Status.UNDECIDED;
        }
        if (allowed.test(type)) {
            return Status.ALLOWED;
        }
        refused = type.getName();
        return Status.REJECTED;
    }

    /** The first class refused, if one was: a stream that failed for another reason was corrupt. */
    public @Nullable String refused() {
        return refused;
    }
}
