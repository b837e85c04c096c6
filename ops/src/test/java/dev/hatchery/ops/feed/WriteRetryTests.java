package dev.hatchery.ops.feed;

import dev.hatchery.registry.Patience;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a write that the cluster did not take at first comes to: done again, or one failure that says so. */
class WriteRetryTests {

    @Test
    void aWriteCutOffByALostMemberIsDoneAgainUntilItGoesThroughAndCountedOnce() {
        WriteRetry retry = new WriteRetry(Duration.ofSeconds(30));
        AtomicInteger attempts = new AtomicInteger();

        retry.run(() -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new TargetDisconnectedException("member [127.0.0.1]:5701 left");
            }
        });
        retry.run(attempts::incrementAndGet);

        assertThat(attempts).hasValue(4);
        assertThat(retry.retried()).isEqualTo(1);
    }

    @Test
    void aFailureOfTheWriteItselfIsNotRetried() {
        WriteRetry retry = new WriteRetry(Duration.ofSeconds(30));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.run(() -> {
            attempts.incrementAndGet();
            throw new HazelcastSerializationException("no serializer for Event", new IOException("stream"));
        })).isInstanceOf(HazelcastSerializationException.class);
        assertThat(attempts).hasValue(1);
        assertThat(retry.retried()).isZero();
    }

    @Test
    void aClusterThatNeverTakesTheWriteEndsItOncePatienceRunsOutWithTheLastFailure() {
        WriteRetry retry = new WriteRetry(Duration.ofMillis(500));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.run(() -> {
            throw new TargetDisconnectedException("attempt " + attempts.incrementAndGet());
        })).isInstanceOfSatisfying(WriteFailure.class, failure -> {
            assertThat(failure.attempts()).isGreaterThan(1).isEqualTo(attempts.get());
            assertThat(failure.getCause()).hasMessage("attempt " + attempts.get());
        });
    }

    @Test
    void aClientThatGaveUpOnTheClusterEndsItAtOnce() {
        WriteRetry retry = new WriteRetry(Duration.ofSeconds(30));

        assertThatThrownBy(() -> retry.run(() -> {
            throw new HazelcastClientNotActiveException("Client is shutting down");
        })).isInstanceOfSatisfying(WriteFailure.class, failure -> assertThat(failure.attempts()).isEqualTo(1));
    }

    @Test
    void withoutPatienceAFailureIsThrownAsItCame() {
        TargetDisconnectedException cut = new TargetDisconnectedException("gone");

        assertThatThrownBy(() -> WriteRetry.NEVER.run(() -> {
            throw cut;
        })).isSameAs(cut);
    }
}
