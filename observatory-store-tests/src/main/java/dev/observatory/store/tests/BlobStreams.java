package dev.observatory.store.tests;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Generated content for the blob contract: deterministic bytes of any length without holding them in memory. */
final class BlobStreams {
    private BlobStreams() {
    }

    /** {@code length} pseudo-random bytes from {@code seed}; when {@code failAt} >= 0 it throws there instead. */
    static InputStream generated(long seed, long length, long failAt) {
        return new InputStream() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (failAt >= 0 && position >= failAt) {
                    throw new IOException("connection reset by peer (simulated at byte " + position + ")");
                }
                if (position >= length) {
                    return -1;
                }
                long stop = failAt >= 0 ? Math.min(length, failAt) : length;
                int n = (int) Math.min(len, Math.max(1, stop - position));
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) random.nextInt(256);
                }
                position += n;
                return n;
            }
        };
    }

    static InputStream generated(long seed, long length) {
        return generated(seed, length, -1);
    }

    /** Lowercase hex SHA-256 of a stream read to its end (then closed). */
    static String sha256(InputStream in) throws IOException {
        try (in) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0;) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) throws IOException {
        return sha256(new java.io.ByteArrayInputStream(bytes));
    }
}
