package dev.observatory.core.deploy;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An input stream fed chunk by chunk from another thread (the engine's log frames); {@link #finish()} ends it once what
 * was fed has been read. Unlike a piped stream it does not break when the feeding thread ends.
 */
final class LineQueueStream extends InputStream {
    private static final byte[] END = new byte[0];
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    /** Adds a chunk (ignored after {@link #finish()}). */
    void feed(byte[] chunk) {
        if (chunk != null && chunk.length > 0) {
            chunks.add(chunk.clone());
        }
    }

    /** Ends the stream after the chunks fed so far. */
    void finish() {
        chunks.add(END);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (pos >= current.length) {
            if (ended) {
                return -1;
            }
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            pos = 0;
            if (current == END) {
                ended = true;
                return -1;
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return pos < current.length ? current.length - pos : chunks.isEmpty() || chunks.peek() == END ? 0 : 1;
    }
}
