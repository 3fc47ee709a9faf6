package dev.observatory.store.jdbc;

import java.util.Arrays;

/**
 * The span writer's memory of the keys it appended: 64-bit hashes of (trace id, span id) in two generations of at most
 * {@code capacity} each, so that a batch none of whose keys it has seen skips the database's duplicate check (decision
 * 0041). A hash is a filter, never an answer: a hit (a re-sent span, or two keys with one hash) sends the batch to the
 * database check as before, so a collision costs a query and never drops a span.
 * <p>
 * What it covers: every span appended with a start time after {@link #coveredAfter()}. It starts at the latest start
 * stored when the writer opened (spans before it were stored by an earlier process and are not here); when the newer
 * generation is full the older one is dropped and the boundary moves up to the latest start appended when the dropped
 * generation's successor began, so memory stays bounded (two tables of at most {@code 2 * capacity} longs) while the
 * most recent spans stay covered. Keys of a rolled-back transaction stay in: extra hashes only cost a query.
 */
final class SpanKeyHashes {
    /** An empty slot (a key hashing to 0 is stored as 1). */
    private static final long EMPTY = 0L;
    private static final int FIRST_SLOTS = 1 << 12;

    private final int capacity;
    private long[] newer = new long[FIRST_SLOTS];
    private int newerSize;
    private long[] older = new long[0];
    private long coveredAfter;
    /** The latest start appended when {@link #newer} began: the boundary once {@link #older} is dropped. */
    private long newerBegan;

    /**
     * @param capacity
     *            keys per generation (a power of two)
     * @param coveredAfter
     *            the latest start time already stored (nothing after it is stored yet)
     */
    SpanKeyHashes(int capacity, long coveredAfter) {
        if (Integer.bitCount(capacity) != 1 || capacity < FIRST_SLOTS) {
            throw new IllegalArgumentException("capacity must be a power of two >= " + FIRST_SLOTS);
        }
        this.capacity = capacity;
        this.coveredAfter = coveredAfter;
        this.newerBegan = coveredAfter;
    }

    /** Spans appended with a start after this are all remembered. */
    long coveredAfter() {
        return coveredAfter;
    }

    /** The hash of a span key (never {@link #EMPTY}). */
    static long hash(String traceId, String spanId) {
        long h = traceId.hashCode() * 0x9E3779B97F4A7C15L + spanId.hashCode();
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return h == EMPTY ? 1 : h;
    }

    /** True when the key's hash may have been appended (false: certainly not appended since the boundary). */
    boolean mayContain(long hash) {
        return contains(newer, hash) || older.length > 0 && contains(older, hash);
    }

    /** Remembers a key appended; {@code latestStart}: the latest start appended so far (for a later rotation). */
    void add(long hash, long latestStart) {
        if (newerSize >= capacity) {
            older = newer; // drop the oldest generation: what it alone covered is now before the boundary
            coveredAfter = Math.max(coveredAfter, newerBegan);
            newer = new long[FIRST_SLOTS];
            newerSize = 0;
            newerBegan = latestStart;
        }
        if (newerSize * 2 >= newer.length) {
            newer = grown(newer);
        }
        if (insert(newer, hash)) {
            newerSize++;
        }
    }

    private static boolean contains(long[] table, long hash) {
        int mask = table.length - 1;
        for (int i = (int) hash & mask;; i = i + 1 & mask) {
            long v = table[i];
            if (v == hash) {
                return true;
            }
            if (v == EMPTY) {
                return false;
            }
        }
    }

    private static boolean insert(long[] table, long hash) {
        int mask = table.length - 1;
        for (int i = (int) hash & mask;; i = i + 1 & mask) {
            long v = table[i];
            if (v == hash) {
                return false;
            }
            if (v == EMPTY) {
                table[i] = hash;
                return true;
            }
        }
    }

    private static long[] grown(long[] table) {
        long[] out = new long[table.length * 2];
        for (long v : table) {
            if (v != EMPTY) {
                insert(out, v);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "SpanKeyHashes[" + newerSize + " + " + Arrays.stream(older).filter(v -> v != EMPTY).count()
                + " keys, covered after " + coveredAfter + "]";
    }
}
