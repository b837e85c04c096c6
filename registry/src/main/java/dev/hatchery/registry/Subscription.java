package dev.hatchery.registry;

/** A listener registration; closing it stops the notifications. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
