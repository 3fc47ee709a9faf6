package dev.observatory.server.otlp;

import dev.observatory.model.trace.Span;
import java.util.List;

/**
 * Where received spans go: the trace service in the server, a stub in tests. It validates and stores the whole batch
 * and reports how many spans it rejected and why; it must not throw for bad spans, only for a store that cannot take
 * them (StoreException) or a read-only server (ReadOnlyException).
 */
@FunctionalInterface
public interface SpanIngest {

    /** Stores what it accepts of {@code spans}. */
    Result ingest(List<Span> spans);

    /**
     * @param accepted
     *            spans stored
     * @param rejected
     *            spans refused (invalid ids, end before start, ...)
     * @param message
     *            why they were refused, or a warning (e.g. truncated values); null or empty when there is nothing to
     *            say
     */
    record Result(long accepted, long rejected, String message) {
    }
}
