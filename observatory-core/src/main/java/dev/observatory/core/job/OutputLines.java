package dev.observatory.core.job;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a job's output into lines straight from the bytes, in large reads: no character decoding or copying except for
 * the strings the line path needs. A line ends at {@code \n}, {@code \r\n} or a lone {@code \r} (progress bars redraw
 * with it), like {@link java.io.BufferedReader#readLine()}; a line longer than {@code maxLine} bytes is cut there and
 * the rest of it dropped. Used by one thread.
 */
final class OutputLines {
    static final int BLOCK = 1 << 18;

    /** Receives each line as {@code buf[from, to)} (the array is reused: copy what is kept) and each block's end. */
    interface Sink {
        void line(byte[] buf, int from, int to) throws IOException;

        /** Called after the lines of one read, before the next (possibly blocking) read. */
        void blockEnd() throws IOException;
    }

    private final InputStream in;
    private final int maxLine;
    private final byte[] buf;

    OutputLines(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
        this.buf = new byte[Math.max(BLOCK, maxLine * 2)];
    }

    /** Reads to the end of the stream, handing every line to the sink. */
    void pump(Sink sink) throws IOException {
        int start = 0;
        int end = 0;
        boolean skipping = false; // dropping the rest of an over-long line
        boolean afterCr = false; // the previous line ended with '\r': a '\n' right after it ends nothing
        int n;
        while ((n = in.read(buf, end, buf.length - end)) > 0) {
            end += n;
            int i = start;
            while (i < end) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    if (!(b == '\n' && afterCr && i == start)) {
                        if (!skipping) {
                            sink.line(buf, start, i);
                        }
                        skipping = false;
                    }
                    afterCr = b == '\r';
                    start = i + 1;
                } else if (afterCr) {
                    afterCr = false;
                }
                i++;
                if (i - start > maxLine) {
                    if (!skipping) {
                        sink.line(buf, start, start + maxLine);
                    }
                    skipping = true;
                    start = i;
                }
            }
            if (skipping) {
                start = end;
            }
            sink.blockEnd();
            if (start == end) {
                start = 0;
                end = 0;
            } else if (start > 0 && end > buf.length - maxLine) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
        }
        if (end > start && !skipping) {
            sink.line(buf, start, end);
            sink.blockEnd();
        }
    }
}
