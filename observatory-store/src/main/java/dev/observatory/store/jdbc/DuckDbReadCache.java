package dev.observatory.store.jdbc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A small read-through cache for hot per-run reads (a run's row, its metric summaries, its log line count) that MCP
 * {@code get_run} and the web UI ask for again and again. Coherent because this process is the only writer of the
 * DuckDB file (DuckDB locks it) and every write path calls {@link #invalidate} after its commit. A value loaded from a
 * snapshot older than a concurrent write is never left behind: {@code invalidate} bumps a generation before it removes
 * the value, and a loader that sees the generation change across its load takes its value out again. Bounded: when it
 * holds {@code maxEntries} values it starts over.
 */
final class DuckDbReadCache<V> {

    private final int maxEntries;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    /** Writes that compute their new value in their transaction ({@link #nextWrite}, {@link #written}). */
    private final AtomicLong writes = new AtomicLong();

    DuckDbReadCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The cached value of key, or the loader's (cached when not null). */
    V get(String key, Supplier<V> loader) {
        V v = values.get(key);
        if (v != null) {
            return v;
        }
        long before = generation.get();
        v = loader.get();
        if (v == null) {
            return null;
        }
        if (values.size() >= maxEntries) {
            values.clear();
        }
        values.put(key, v);
        if (generation.get() != before) {
            values.remove(key, v);
        }
        return v;
    }

    /** After a committed write that may change any value (a project rename moves its runs). */
    void invalidateAll() {
        generation.incrementAndGet();
        values.clear();
    }

    /** After a committed write that changes key's value. */
    void invalidate(String key) {
        generation.incrementAndGet();
        values.remove(key);
    }

    /** The cached value of key, or null (nothing is loaded). */
    V peek(String key) {
        return values.get(key);
    }

    /** The generation to pass to {@link #putAll} for values about to be loaded in bulk. */
    long generation() {
        return generation.get();
    }

    /** Caches values loaded in bulk, unless a write invalidated anything since {@code before} was taken. */
    void putAll(Map<String, V> loaded, long before) {
        if (values.size() + loaded.size() > maxEntries) {
            values.clear();
        }
        values.putAll(loaded);
        if (generation.get() != before) {
            loaded.forEach(values::remove);
        }
    }

    /**
     * After a committed write on the writer thread, in commit order (metric batches applied): key's value is now
     * {@code value}. Readers loading concurrently drop what they loaded (the generation moves first).
     */
    void refresh(String key, V value) {
        generation.incrementAndGet();
        if (values.size() >= maxEntries) {
            values.clear();
        }
        values.put(key, value);
    }

    /**
     * Taken inside a write's transaction on the writer thread, which computes key's new value there; pass it to
     * {@link #written} after the commit.
     */
    long nextWrite() {
        return writes.incrementAndGet();
    }

    /**
     * After the commit of write {@code seq}: caches the value it computed in its transaction, unless another such write
     * began since (its value may be older than that write's: the key is forgotten instead) or the value is null.
     */
    synchronized void written(String key, V value, long seq) {
        generation.incrementAndGet();
        if (value == null || writes.get() != seq) {
            values.remove(key);
            return;
        }
        if (values.size() >= maxEntries) {
            values.clear();
        }
        values.put(key, value);
    }
}
