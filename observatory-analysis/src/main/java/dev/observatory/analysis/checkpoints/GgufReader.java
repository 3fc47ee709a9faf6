package dev.observatory.analysis.checkpoints;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Little-endian reads of GGUF header values with a bound on the bytes consumed. */
final class GgufReader {
    private static final String[] TYPE_NAMES = { "uint8", "int8", "uint16", "int16", "uint32", "int32", "float32",
            "bool", "string", "array", "uint64", "int64", "float64" };
    private static final int[] TYPE_SIZES = { 1, 1, 2, 2, 4, 4, 4, 1, -1, -1, 8, 8, 8 };

    private final InputStream in;
    private final long limit;
    private long read;
    boolean wideCounts = true;

    GgufReader(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    byte[] bytes(int n) throws IOException {
        budget(n);
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new IllegalArgumentException("truncated GGUF header after " + (read - n + b.length) + " bytes");
        }
        return b;
    }

    private ByteBuffer le(int n) throws IOException {
        return ByteBuffer.wrap(bytes(n)).order(ByteOrder.LITTLE_ENDIAN);
    }

    int u32() throws IOException {
        return le(4).getInt();
    }

    long u64() throws IOException {
        return le(8).getLong();
    }

    /** A count (u32 in version 1, u64 after), refused when absurd. */
    long count() throws IOException {
        long c = wideCounts ? u64() : Integer.toUnsignedLong(u32());
        if (c < 0 || c > GgufHeader.MAX_COUNT) {
            throw new IllegalArgumentException("GGUF header count " + Long.toUnsignedString(c) + " is absurd");
        }
        return c;
    }

    String string(int max) throws IOException {
        long len = wideCounts ? u64() : Integer.toUnsignedLong(u32());
        if (len < 0 || len > max) {
            throw new IllegalArgumentException("GGUF string of " + Long.toUnsignedString(len) + " bytes is too long");
        }
        return new String(bytes((int) len), StandardCharsets.UTF_8);
    }

    /** One value of {@code type}: scalars as Long/Double/Boolean/String, arrays skipped and summarised. */
    Object value(int type, int depth) throws IOException {
        return switch (type) {
            case 0 -> (long) (le(1).get() & 0xff);
            case 1 -> (long) le(1).get();
            case 2 -> (long) (le(2).getShort() & 0xffff);
            case 3 -> (long) le(2).getShort();
            case 4 -> Integer.toUnsignedLong(le(4).getInt());
            case 5 -> (long) le(4).getInt();
            case 6 -> (double) le(4).getFloat();
            case 7 -> le(1).get() != 0;
            case 8 -> cut(string(GgufHeader.MAX_STRING));
            case 9 -> array(depth);
            case 10, 11 -> le(8).getLong();
            case 12 -> le(8).getDouble();
            default -> throw new IllegalArgumentException("unknown GGUF value type " + type);
        };
    }

    private String array(int depth) throws IOException {
        if (depth > 4) {
            throw new IllegalArgumentException("GGUF arrays nested too deep");
        }
        int type = u32();
        long n = count();
        if (type < 0 || type >= TYPE_NAMES.length) {
            throw new IllegalArgumentException("unknown GGUF array element type " + type);
        }
        if (TYPE_SIZES[type] > 0) {
            skip(n * TYPE_SIZES[type]);
        } else {
            for (long i = 0; i < n; i++) {
                value(type, depth + 1);
            }
        }
        return "array<" + TYPE_NAMES[type] + ">[" + n + "]";
    }

    private void skip(long n) throws IOException {
        budget(n);
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new IllegalArgumentException("truncated GGUF header in an array");
        }
    }

    private void budget(long n) {
        read += n;
        if (read > limit) {
            throw new IllegalArgumentException("GGUF header is larger than " + limit + " bytes; refused");
        }
    }

    private static String cut(String s) {
        return s.length() <= 1024 ? s : s.substring(0, 1024) + "…";
    }
}
