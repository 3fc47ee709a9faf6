package dev.observatory.core.dataset;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * The rows auto_improve_dataset drops from a JSONL, CSV or TSV file: blank rows (CSV: only delimiters and spaces) and,
 * in JSONL, lines that are not one JSON value (with {@code invalid}), and exact repeats of an earlier row (with
 * {@code dedupe}). A CSV row ends at a line break outside quotes (RFC 4180: quoted cells may hold line breaks); a CSV's
 * first row is its header and always kept. One pass decides, row by row and deterministically, so the plan and the
 * rewrite agree; kept rows are copied byte for byte, line endings included. Repeats are found by an MD5 of the row's
 * bytes (memory: 16 bytes per distinct row).
 */
final class TextRows {
    /** Line numbers listed in a change's text, at most. */
    static final int LISTED = 10;

    /** What a pass found: lines read, dropped per reason, and the first dropped line numbers (1-based). */
    record Removal(long lines, long empty, long invalid, long duplicate, List<Long> first) {
        long dropped() {
            return empty + invalid + duplicate;
        }

        String describe() {
            return "drop " + dropped() + " of " + lines + " rows (" + duplicate + " duplicate, " + empty + " empty, "
                    + invalid + " invalid JSON); first dropped lines " + first;
        }
    }

    private TextRows() {
    }

    static boolean isRewritable(String path) {
        return DatasetFiles.isText(path);
    }

    private static boolean isCsv(Path file) {
        return !DatasetFiles.extension(file.getFileName().toString()).equals("jsonl");
    }

    /** Decides which lines to drop without writing anything. */
    static Removal plan(Path file, boolean invalid, boolean dedupe) {
        return pass(file, invalid, dedupe, null);
    }

    /** Copies the kept lines of {@code from} to a new file {@code to} (which must not exist). */
    static Removal rewrite(Path from, Path to, boolean invalid, boolean dedupe) {
        try (OutputStream out = Files.newOutputStream(to, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            Removal r = pass(from, invalid, dedupe, out);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + to + ": " + e.getMessage(), e);
        }
    }

    private static Removal pass(Path file, boolean invalid, boolean dedupe, OutputStream out) {
        long lines = 0;
        long empty = 0;
        long bad = 0;
        long dup = 0;
        List<Long> first = new ArrayList<>();
        Set<ByteBuffer> seen = new HashSet<>();
        MessageDigest md5 = md5();
        boolean csv = isCsv(file);
        boolean quoted = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            for (int c = in.read(); c >= 0 || line.size() > 0; c = in.read()) {
                if (c >= 0) {
                    line.write(c);
                    if (csv && c == '"') {
                        quoted = !quoted;
                    }
                    if (c != '\n' || quoted) {
                        continue;
                    }
                }
                lines++;
                byte[] raw = line.toByteArray();
                line.reset();
                String reason = csv && lines == 1 ? null : verdict(raw, csv, invalid, dedupe, seen, md5);
                if (reason == null) {
                    if (out != null) {
                        out.write(raw);
                    }
                } else {
                    switch (reason) {
                        case "empty" -> empty++;
                        case "invalid" -> bad++;
                        default -> dup++;
                    }
                    if (first.size() < LISTED) {
                        first.add(lines);
                    }
                }
                if (c < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new Removal(lines, empty, bad, dup, first);
    }

    /** Null to keep the line, else why it goes: empty, invalid or duplicate. */
    private static String verdict(byte[] raw, boolean csv, boolean invalid, boolean dedupe, Set<ByteBuffer> seen,
            MessageDigest md5) {
        int end = raw.length;
        while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
            end--;
        }
        String text = new String(raw, 0, end, StandardCharsets.UTF_8);
        boolean blank = csv ? text.chars().allMatch(ch -> ch == ',' || ch == '\t' || Character.isWhitespace(ch))
                : text.isBlank();
        if (invalid && blank) {
            return "empty";
        }
        if (invalid && !csv && !blank && !isJson(text)) {
            return "invalid";
        }
        if (dedupe && !blank) {
            md5.update(raw, 0, end);
            if (!seen.add(ByteBuffer.wrap(md5.digest()))) {
                return "duplicate";
            }
        }
        return null;
    }

    private static boolean isJson(String text) {
        try {
            ConfigDocuments.JSON.readTree(text);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
    }
}
