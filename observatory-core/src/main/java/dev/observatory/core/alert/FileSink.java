package dev.observatory.core.alert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Appends one JSON line per notification to a file under the alert file directory. */
final class FileSink implements Sink {
    private final Path file;
    private final boolean includeContext;

    FileSink(Path file, boolean includeContext) {
        this.file = file;
        this.includeContext = includeContext;
    }

    /** The destination inside the root (relative paths are resolved against it); refuses paths outside it. */
    static Path resolve(Path root, String destination) {
        if (root == null) {
            throw new IllegalArgumentException("file sinks need alert_file_dir to be configured");
        }
        Path r = root.toAbsolutePath().normalize();
        Path p = r.resolve(destination).normalize();
        if (!p.startsWith(r) || p.equals(r)) {
            throw new IllegalArgumentException(
                    "alert files must be inside the alert directory " + r + " (alert_file_dir), got " + destination);
        }
        return p;
    }

    @Override
    public Outcome deliver(List<Notification> group) throws DeliveryFailed {
        StringBuilder lines = new StringBuilder();
        for (Notification n : group) {
            lines.append(AlertCodec.write(Payloads.alert(n, includeContext))).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            synchronized (FileSink.class) {
                Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            }
            return new Outcome(1, group.size() + " line(s) to " + file.getFileName());
        } catch (IOException e) {
            throw new DeliveryFailed(1, "cannot write " + file + ": " + e.getMessage());
        }
    }
}
