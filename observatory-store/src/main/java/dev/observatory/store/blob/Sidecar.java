package dev.observatory.store.blob;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** The filesystem store's metadata of one blob, kept as three text lines beside the data tree. */
record Sidecar(String sha256, String contentType, long size) {

    static void write(Path file, Sidecar s) throws IOException {
        String text = "sha256=" + s.sha256 + "\ncontent_type=" + s.contentType.replace('\n', ' ') + "\nsize=" + s.size
                + "\n";
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }

    /** The sidecar, empty when missing or unreadable (the blob then has no known hash). */
    static Optional<Sidecar> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        String sha = null;
        String type = null;
        long size = -1;
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String v = line.substring(eq + 1);
            switch (line.substring(0, eq)) {
                case "sha256" -> sha = v;
                case "content_type" -> type = v;
                case "size" -> size = parse(v);
                default -> {
                }
            }
        }
        return sha == null || type == null || size < 0 ? Optional.empty() : Optional.of(new Sidecar(sha, type, size));
    }

    private static long parse(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
