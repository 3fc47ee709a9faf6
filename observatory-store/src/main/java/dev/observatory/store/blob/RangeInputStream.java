package dev.observatory.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** At most {@code length} bytes of a file channel from a position; closing it closes the channel. */
final class RangeInputStream extends InputStream {
    private final FileChannel channel;
    private long position;
    private long remaining;

    RangeInputStream(FileChannel channel, long offset, long length) {
        this.channel = channel;
        this.position = offset;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
        if (n < 0) {
            remaining = 0;
            return -1;
        }
        position += n;
        remaining -= n;
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
