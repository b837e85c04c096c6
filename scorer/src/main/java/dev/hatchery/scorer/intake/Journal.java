package dev.hatchery.scorer.intake;

import com.hazelcast.function.FunctionEx;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.jet.core.EventTimePolicy;
import com.hazelcast.jet.core.ProcessorMetaSupplier;
import com.hazelcast.jet.core.processor.SourceProcessors;
import com.hazelcast.jet.pipeline.JournalInitialPosition;
import com.hazelcast.jet.pipeline.Sources;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.map.EventJournalMapEvent;
import com.hazelcast.map.impl.journal.InternalEventJournalMapEvent;
import java.util.Objects;

/**
 * Sources of the puts into a producer's map, from the oldest its journal holds, with nothing
 * deserialized: Jet's own map-journal source deserializes each value where the journal is read,
 * before any stage of ours runs, so one unreadable value failed the job there on every restart.
 * Each put reaches the job as the journal's event itself, its key and values still bytes;
 * {@link Intake#of} reads them one at a time. A put of the very same bytes again (a producer
 * retrying a write it could not confirm) is left out where the journal is, without reading it.
 */
public final class Journal {

    private Journal() {
    }

    /** A put into {@code map}'s journal, as it is stored. */
    public static StreamSource<EventJournalMapEvent<Object, Object>> puts(String map) {
        return Sources.mapJournal(map, JournalInitialPosition.START_FROM_OLDEST, FunctionEx.identity(),
                Journal::isNewPut);
    }

    /** The same as a processor, for a source with its own event-time policy. */
    public static ProcessorMetaSupplier putsP(String map,
            EventTimePolicy<? super EventJournalMapEvent<Object, Object>> eventTimePolicy) {
        return SourceProcessors.<EventJournalMapEvent<Object, Object>, Object, Object>streamMapP(map,
                Journal::isNewPut, FunctionEx.identity(), JournalInitialPosition.START_FROM_OLDEST, eventTimePolicy);
    }

    /** A put that is not the same bytes written again; runs where the journal is, reading nothing. */
    static boolean isNewPut(EventJournalMapEvent<Object, Object> put) {
        return switch (put.getType()) {
            case ADDED -> true;
            case UPDATED -> !Objects.equals(newValueData(put), oldValueData(put));
            default -> false;
        };
    }

    /*
     * The journal hands the source an event that keeps its key and values serialized until they
     * are asked for (an InternalEventJournalMapEvent); Hazelcast has no public way to the bytes.
     */

    static Data keyData(EventJournalMapEvent<?, ?> put) {
        return ((InternalEventJournalMapEvent) put).getDataKey();
    }

    static Data newValueData(EventJournalMapEvent<?, ?> put) {
        return ((InternalEventJournalMapEvent) put).getDataNewValue();
    }

    private static Data oldValueData(EventJournalMapEvent<?, ?> put) {
        return ((InternalEventJournalMapEvent) put).getDataOldValue();
    }
}
