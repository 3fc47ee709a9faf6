package dev.observatory.core.dataset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Extracts .zip, .tar, .tar.gz and .tgz archives into a new folder. Entries whose path would leave the folder (absolute
 * paths, '..') are refused; links and special entries are skipped; the total size is capped.
 */
final class ArchiveExtractor {
    /** Largest total of extracted bytes. */
    static final long MAX_BYTES = 64L << 30;

    private ArchiveExtractor() {
    }

    static void extract(Path archive, Path target) {
        String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            Files.createDirectories(target);
            if (name.endsWith(".zip")) {
                zip(archive, target);
            } else if (name.endsWith(".tar")) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
                    tar(in, target);
                }
            } else if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
                try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
                    tar(in, target);
                }
            } else {
                throw new IllegalArgumentException("archives must be .zip, .tar, .tar.gz or .tgz, got " + name);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot extract " + archive.getFileName() + ": " + e.getMessage());
        }
    }

    private static void zip(Path archive, Path target) throws IOException {
        long total = 0;
        try (ZipInputStream zin = new ZipInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                Path out = entry(target, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    total += write(zin, out, Long.MAX_VALUE, total);
                }
            }
        }
    }

    private static void tar(InputStream in, Path target) throws IOException {
        byte[] header = new byte[512];
        long total = 0;
        while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
            byte type = header[156];
            String full = prefix.isEmpty() ? name : prefix + "/" + name;
            if (type == '0' || type == 0) {
                total += write(in, entry(target, full), size, total);
            } else {
                if (type == '5') {
                    Files.createDirectories(entry(target, full));
                }
                in.skipNBytes(size);
            }
            long pad = (512 - size % 512) % 512;
            in.skipNBytes(pad);
        }
    }

    private static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static Path entry(Path target, String name) {
        Path out = target.resolve(name).normalize();
        if (!out.startsWith(target) || name.startsWith("/") || name.contains("\\")) {
            throw new IllegalArgumentException("the archive entry '" + name + "' points outside its folder; refused");
        }
        return out;
    }

    /** Copies at most {@code size} bytes (all when MAX_VALUE); the running total is capped at MAX_BYTES. */
    private static long write(InputStream in, Path out, long size, long totalSoFar) throws IOException {
        Files.createDirectories(out.getParent());
        byte[] buf = new byte[64 * 1024];
        long written = 0;
        try (OutputStream os = Files.newOutputStream(out)) {
            while (written < size) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, size - written));
                if (n < 0) {
                    if (size != Long.MAX_VALUE) {
                        throw new IOException("the archive ends inside " + out.getFileName());
                    }
                    break;
                }
                os.write(buf, 0, n);
                written += n;
                if (totalSoFar + written > MAX_BYTES) {
                    throw new IOException("the archive holds more than " + (MAX_BYTES >> 30) + " GiB");
                }
            }
        }
        return written;
    }
}
