package dev.observatory.core.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Resolves user paths inside configured roots; anything that escapes them is refused. */
final class Roots {
    private Roots() {
    }

    /**
     * The real path (symbolic links followed) of an existing file or folder inside one of the roots. Relative paths are
     * relative to the first root. IllegalArgumentException when it does not exist or lies outside every root.
     *
     * @param key
     *            the configuration key naming the roots, for the message (dataset_roots, model_roots)
     */
    static Path existing(String path, List<Path> roots, String key) {
        Path p = candidate(path, roots, key);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("'" + path + "' does not exist");
        }
        try {
            Path real = p.toRealPath();
            if (roots.stream().noneMatch(r -> inside(real, r))) {
                throw outside(path, roots, key);
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve '" + path + "': " + e.getMessage());
        }
    }

    /**
     * A path that may not exist yet (a folder to create) inside one of the roots: its nearest existing ancestor must
     * resolve inside a root.
     */
    static Path creatable(String path, List<Path> roots, String key) {
        Path p = candidate(path, roots, key);
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            Path base = existing == null ? p : existing.toRealPath();
            Path real = existing == null ? p : base.resolve(existing.relativize(p)).normalize();
            if (roots.stream().noneMatch(r -> inside(real, r))) {
                throw outside(path, roots, key);
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve '" + path + "': " + e.getMessage());
        }
    }

    private static Path candidate(String path, List<Path> roots, String key) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path must not be empty");
        }
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no " + key + " are configured: set " + key + " to allow paths");
        }
        try {
            Path p = Path.of(path.trim());
            return (p.isAbsolute() ? p : roots.get(0).resolve(p)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + path + "' is not a valid path: " + e.getMessage());
        }
    }

    /** Whether the real path lies in the root (compared with the root's real path when it exists). */
    static boolean inside(Path real, Path root) {
        Path r = root;
        try {
            r = Files.exists(root) ? root.toRealPath() : root;
        } catch (IOException e) {
            return false;
        }
        return real.startsWith(r);
    }

    private static IllegalArgumentException outside(String path, List<Path> roots, String key) {
        return new IllegalArgumentException("'" + path + "' is outside the configured " + key + " ("
                + roots.stream().map(Path::toString).collect(Collectors.joining(", ")) + "); use a path inside them"
                + " or add its folder to " + key);
    }
}
