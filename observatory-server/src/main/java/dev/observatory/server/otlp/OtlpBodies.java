package dev.observatory.server.otlp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an OTLP request body under a byte limit, before and after gzip decompression (so a small compressed body cannot
 * expand past the limit).
 */
final class OtlpBodies {
    private OtlpBodies() {
    }

    /** Thrown when a body, compressed or not, exceeds the limit (answered 413). */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit, boolean decompressed) {
            super("the request body" + (decompressed ? " decompressed" : "") + " exceeds the OTLP limit of " + limit
                    + " bytes: export smaller batches or raise otlp_max_body_bytes (OBSERVATORY_OTLP_MAX_BODY_BYTES)");
        }
    }

    /** Thrown for a Content-Encoding other than gzip or identity (answered 415). */
    static final class UnsupportedEncoding extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedEncoding(String encoding) {
            super("Content-Encoding '" + encoding + "' is not supported: send gzip or no encoding");
        }
    }

    /** True when the Content-Encoding is gzip; false when absent or identity; UnsupportedEncoding otherwise. */
    static boolean gzipped(String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return false;
        }
        String e = contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (e.equals("gzip") || e.equals("x-gzip")) {
            return true;
        }
        if (e.equals("identity")) {
            return false;
        }
        throw new UnsupportedEncoding(contentEncoding);
    }

    /** The decoded body; TooLarge over the limit, OtlpDecodeException for broken gzip. */
    static byte[] read(InputStream in, boolean gzip, long limit) throws IOException {
        return read(in, gzip, limit, -1);
    }

    /**
     * {@link #read(InputStream, boolean, long)} of a body whose Content-Length is known ({@code -1}: not known): read
     * straight into an array of that size instead of a growing buffer and its copy (decision 0041).
     */
    static byte[] read(InputStream in, boolean gzip, long limit, long contentLength) throws IOException {
        byte[] raw = contentLength >= 0 && contentLength <= limit ? readExactly(in, (int) contentLength, limit)
                : readLimited(in, limit, false);
        if (!gzip) {
            return raw;
        }
        try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(raw), 8192)) {
            return readLimited(unzipped, limit, true);
        } catch (ZipException | java.io.EOFException e) {
            throw new OtlpDecodeException("the body is not valid gzip (Content-Encoding: gzip): " + e.getMessage());
        }
    }

    /** Reads the {@code length} bytes announced; more than announced (HTTP framing prevents it) under the limit. */
    private static byte[] readExactly(InputStream in, int length, long limit) throws IOException {
        byte[] out = in.readNBytes(length);
        int next = out.length < length ? -1 : in.read();
        if (next < 0) {
            return out; // as announced, or shorter (the decoder reports a truncated body)
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(length + 8192);
        all.write(out);
        all.write(next);
        in.transferTo(all);
        if (all.size() > limit) {
            throw new TooLarge(limit, false);
        }
        return all.toByteArray();
    }

    private static byte[] readLimited(InputStream in, long limit, boolean decompressed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[16384];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > limit) {
                throw new TooLarge(limit, decompressed);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
