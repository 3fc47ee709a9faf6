package dev.observatory.store.jdbc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Compact encodings of the columns of one metric chunk (see metric_chunks in db/postgres/V1.sql).
 * <ul>
 * <li>Steps and timestamps (longs): format byte 1, then the deltas-of-deltas as zig-zag LEB128 varints, where a run of
 * zeros (a steady interval) is written as a 0 followed by the number of further zeros. Steps 0, 1, 2, ... cost a few
 * bytes per chunk; timestamps ~100 ms apart with a few ms of jitter about one byte per point. Any sequence, including
 * steps that go backwards or overflow, round-trips exactly (two's complement arithmetic is inverted exactly).</li>
 * <li>Values (doubles): format byte 1, then the raw IEEE-754 bits little-endian, 8 bytes per point, so NaN payloads and
 * +-Infinity round-trip bit for bit. A noisy training curve has little redundancy to remove, and raw bits decode at
 * memory speed.</li>
 * </ul>
 * Every encoded column starts with its format byte so a later version can add encodings without a migration.
 */
final class PgChunkCodec {

    /** Points per chunk: large enough for compact storage, small enough that an append rewrites little. */
    static final int CHUNK_POINTS = 8192;

    private static final byte LONGS_DOD_VARINT = 1;
    private static final byte DOUBLES_RAW_LE = 1;

    private PgChunkCodec() {
    }

    static byte[] encodeLongs(long[] src, int from, int to) {
        byte[] out = new byte[1 + (to - from) * 10];
        out[0] = LONGS_DOD_VARINT;
        int pos = 1;
        long prev = 0;
        long prevDelta = 0;
        int i = from;
        while (i < to) {
            long delta = src[i] - prev;
            long dod = delta - prevDelta;
            prev = src[i];
            prevDelta = delta;
            i++;
            if (dod != 0) {
                pos = writeVarint(out, pos, (dod << 1) ^ (dod >> 63));
                continue;
            }
            // a run of zeros (a steady interval): 0, then how many more zeros follow
            int more = 0;
            while (i < to && src[i] - prev == prevDelta) {
                prev = src[i];
                more++;
                i++;
            }
            pos = writeVarint(out, pos, 0);
            pos = writeVarint(out, pos, more);
        }
        return Arrays.copyOf(out, pos);
    }

    static long[] decodeLongs(byte[] in, int n) {
        if (in.length == 0 || in[0] != LONGS_DOD_VARINT) {
            throw new IllegalStateException("unknown long column format " + (in.length == 0 ? "<empty>" : in[0]));
        }
        long[] out = new long[n];
        int[] pos = { 1 };
        long prev = 0;
        long prevDelta = 0;
        int i = 0;
        while (i < n) {
            long raw = readVarint(in, pos);
            if (raw != 0) {
                prevDelta += (raw >>> 1) ^ -(raw & 1);
                prev += prevDelta;
                out[i++] = prev;
                continue;
            }
            long zeros = 1 + readVarint(in, pos);
            if (zeros > n - i) {
                throw new IllegalStateException("corrupt long column: run of " + zeros + " past " + n + " points");
            }
            for (long z = 0; z < zeros; z++) {
                prev += prevDelta;
                out[i++] = prev;
            }
        }
        return out;
    }

    private static long readVarint(byte[] in, int[] pos) {
        long raw = 0;
        int shift = 0;
        int p = pos[0];
        byte b;
        do {
            b = in[p++];
            raw |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        pos[0] = p;
        return raw;
    }

    static byte[] encodeDoubles(double[] src, int from, int to) {
        ByteBuffer buf = ByteBuffer.allocate(1 + (to - from) * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(DOUBLES_RAW_LE);
        for (int i = from; i < to; i++) {
            buf.putLong(Double.doubleToRawLongBits(src[i]));
        }
        return buf.array();
    }

    static double[] decodeDoubles(byte[] in, int n) {
        if (in.length != 1 + 8L * n || in[0] != DOUBLES_RAW_LE) {
            throw new IllegalStateException(
                    "unknown or truncated double column (" + in.length + " bytes for " + n + " points)");
        }
        double[] out = new double[n];
        ByteBuffer.wrap(in, 1, in.length - 1).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }

    private static int writeVarint(byte[] out, int pos, long v) {
        while ((v & ~0x7FL) != 0) {
            out[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[pos++] = (byte) v;
        return pos;
    }
}
