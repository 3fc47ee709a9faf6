package dev.observatory.client.apm;

import java.util.List;

/**
 * Where traced calls go. Called from the interceptor's background thread only, with batches; it may block (network,
 * database) but must not be called from the traced code's hot path. A thrown exception drops the batch (counted in
 * {@link Interceptor#exportFailures()}).
 */
@FunctionalInterface
public interface ApmExporter extends AutoCloseable {

    void export(List<TraceContext> batch) throws Exception;

    @Override
    default void close() {
    }
}
