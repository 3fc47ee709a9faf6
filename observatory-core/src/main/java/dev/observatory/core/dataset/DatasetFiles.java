package dev.observatory.core.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The files of a dataset directory: regular files, symbolic links not followed, hidden folders (the quarantine
 * {@code .quarantine} among them) skipped; relative paths with '/' separators, sorted.
 */
final class DatasetFiles {
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "webp", "bmp");
    static final Set<String> TEXT_EXTENSIONS = Set.of("jsonl", "csv", "tsv");
    static final Set<String> CAPTION_EXTENSIONS = Set.of("txt", "caption");
    /** Most files one scan looks at. */
    static final int MAX_FILES = 2_000_000;

    private DatasetFiles() {
    }

    static List<String> list(Path dir) {
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && d.getFileName().toString().startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !f.getFileName().toString().startsWith(".")) {
                        if (out.size() >= MAX_FILES) {
                            throw new IllegalArgumentException(
                                    "the dataset has more than " + MAX_FILES + " files; diagnose a sub-folder");
                        }
                        out.add(relative(dir, f));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot <= slash + 1 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The path without its extension. */
    static String stem(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot <= slash + 1 ? path : path.substring(0, dot);
    }

    static boolean isImage(String path) {
        return IMAGE_EXTENSIONS.contains(extension(path));
    }

    static boolean isText(String path) {
        return TEXT_EXTENSIONS.contains(extension(path));
    }
}
