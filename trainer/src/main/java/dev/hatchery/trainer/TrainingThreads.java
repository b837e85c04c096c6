package dev.hatchery.trainer;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's trainer threads: a fixed pool that runs, judges and bootstraps (one piece of work
 * per key at a time), and a pool on which runs fit their challengers, so that a run can give up
 * on a fit that overruns its time limit.
 */
final class TrainingThreads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final ExecutorService runThreads;
    private final ExecutorService fitThreads;
    private final Set<String> dispatched = ConcurrentHashMap.newKeySet();

    TrainingThreads(String member, int threads) {
        this.runThreads = Executors.newFixedThreadPool(threads, daemon("hatchery-training-" + member));
        this.fitThreads = Executors.newCachedThreadPool(daemon("hatchery-fit-" + member));
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Runs {@code work} on a training thread unless work of the same key is queued or running
     * on this member. A cluster in trouble (say, shutting down) must not kill the training
     * threads: failures are logged.
     */
    void once(String key, Runnable work) {
        if (!dispatched.add(key)) {
            return;
        }
        try {
            runThreads.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("trainer work '{}' could not run: {}", key, e.toString());
                } finally {
                    dispatched.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            dispatched.remove(key);
        }
    }

    <T> Future<T> submit(Callable<T> work) {
        return runThreads.submit(work);
    }

    ExecutorService fitThreads() {
        return fitThreads;
    }

    @Override
    public void close() {
        runThreads.shutdownNow();
        fitThreads.shutdownNow();
        try {
            runThreads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
