package dev.observatory.server.promwrite;

/**
 * Decoder of the Snappy block format (the compression of Prometheus remote write): a varint of the uncompressed length,
 * then literals and back-references with 1-, 2- or 4-byte offsets. Pure Java, no native code and no Unsafe; every
 * length and offset is checked, so a corrupt or hostile body fails with {@link IllegalArgumentException} instead of
 * reading or writing out of bounds.
 */
final class Snappy {
    private Snappy() {
    }

    /** The uncompressed length the block announces; IllegalArgumentException when unreadable. */
    static int uncompressedLength(byte[] in) {
        long result = 0;
        for (int i = 0, shift = 0; i < Math.min(in.length, 5); i++, shift += 7) {
            int b = in[i] & 0xff;
            result |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                if (result > Integer.MAX_VALUE) {
                    break;
                }
                return (int) result;
            }
        }
        throw new IllegalArgumentException("not a snappy block: bad length header");
    }

    /** Decompresses a block whose announced length is at most {@code maxLength}. */
    static byte[] decompress(byte[] in, int maxLength) {
        int length = uncompressedLength(in);
        if (length > maxLength) {
            throw new TooLarge(length);
        }
        int ip = 0;
        while ((in[ip++] & 0x80) != 0) {
            // skip the varint
        }
        byte[] out = new byte[length];
        int op = 0;
        while (ip < in.length) {
            int tag = in[ip++] & 0xff;
            int type = tag & 3;
            if (type == 0) {
                int len = tag >>> 2;
                if (len >= 60) {
                    int bytes = len - 59;
                    check(ip + bytes <= in.length, "literal length");
                    len = 0;
                    for (int i = 0; i < bytes; i++) {
                        len |= (in[ip++] & 0xff) << (8 * i);
                    }
                }
                len += 1;
                check(len > 0 && ip + len <= in.length && op + len <= out.length, "literal");
                System.arraycopy(in, ip, out, op, len);
                ip += len;
                op += len;
                continue;
            }
            int len;
            int offset;
            if (type == 1) {
                check(ip < in.length, "copy");
                len = 4 + ((tag >>> 2) & 7);
                offset = ((tag >>> 5) << 8) | (in[ip++] & 0xff);
            } else if (type == 2) {
                check(ip + 2 <= in.length, "copy");
                len = 1 + (tag >>> 2);
                offset = (in[ip] & 0xff) | (in[ip + 1] & 0xff) << 8;
                ip += 2;
            } else {
                check(ip + 4 <= in.length, "copy");
                len = 1 + (tag >>> 2);
                offset = (in[ip] & 0xff) | (in[ip + 1] & 0xff) << 8 | (in[ip + 2] & 0xff) << 16
                        | (in[ip + 3] & 0xff) << 24;
                ip += 4;
            }
            check(offset > 0 && offset <= op && op + len <= out.length, "copy offset");
            if (offset >= len) {
                System.arraycopy(out, op - offset, out, op, len);
                op += len;
            } else {
                for (int i = 0; i < len; i++, op++) {
                    out[op] = out[op - offset]; // overlapping copy repeats the pattern
                }
            }
        }
        check(op == out.length, "block length");
        return out;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("corrupt snappy block (" + what + ")");
        }
    }

    /** The announced length is over the limit. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(int length) {
            super("the decompressed remote-write body would be " + length + " bytes");
        }
    }
}
