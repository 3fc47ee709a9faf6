package dev.observatory.store.jdbc;

import java.util.Arrays;

/** The decoded points of one chunk, in ingest order. {@code ts} may be null when the read did not need it. */
record PgChunkData(int n, long[] steps, double[] values, long[] ts) {

    /** This chunk's points followed by points {@code from..to} of the given columns. */
    PgChunkData concat(long[] moreSteps, double[] moreValues, long[] moreTs, int from, int to) {
        int m = to - from;
        long[] s = Arrays.copyOf(steps, n + m);
        double[] v = Arrays.copyOf(values, n + m);
        long[] t = Arrays.copyOf(ts, n + m);
        System.arraycopy(moreSteps, from, s, n, m);
        System.arraycopy(moreValues, from, v, n, m);
        System.arraycopy(moreTs, from, t, n, m);
        return new PgChunkData(n + m, s, v, t);
    }
}
