package dev.observatory.core.dataset;

import dev.observatory.core.Tracking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Model weight files under the configured model roots ({@code model_roots}): .safetensors and .gguf with their header
 * facts, .ckpt / .pt / .pth with size and time only. Headers are read only for the page returned.
 */
public final class LocalModels {
    public static final Set<String> EXTENSIONS = Set.of("safetensors", "gguf", "ckpt", "pt", "pth");
    /** Most files one listing walks. */
    static final int MAX_FILES = 200_000;

    private final List<Path> roots;

    public LocalModels(Tracking tracking) {
        this(Datasets.settingsOf(tracking).modelRoots());
    }

    public LocalModels(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** A page of model files sorted by root then path. */
    public record Page(List<ModelFile> files, long total) {
    }

    /**
     * Lists model files.
     *
     * @param format
     *            only this format (safetensors, gguf, ckpt, pt), or null for all
     * @param withHeaders
     *            read the headers of the returned files
     */
    public Page list(String format, boolean withHeaders, int limit, long offset) {
        if (format != null && !EXTENSIONS.contains(format)) {
            throw new IllegalArgumentException(
                    "format must be one of safetensors, gguf, ckpt, pt, pth; got '" + format + "'");
        }
        List<Path[]> found = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                walk(root, format, found);
            }
        }
        found.sort(Comparator.comparing((Path[] p) -> p[0].toString()).thenComparing(p -> p[1].toString()));
        List<ModelFile> page = found.stream().skip(offset).limit(limit).map(p -> describe(p[0], p[1], withHeaders))
                .toList();
        return new Page(page, found.size());
    }

    private static void walk(Path root, String format, List<Path[]> out) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    String ext = DatasetFiles.extension(f.getFileName().toString());
                    if (attrs.isRegularFile() && EXTENSIONS.contains(ext) && (format == null || format.equals(ext))
                            && out.size() < MAX_FILES) {
                        out.add(new Path[] { root, f });
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    static ModelFile describe(Path root, Path file, boolean withHeader) {
        String ext = DatasetFiles.extension(file.getFileName().toString());
        String format = ext.equals("pth") ? "pt" : ext;
        long size;
        java.time.Instant modified;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return new ModelFile(root.toString(), DatasetFiles.relative(root, file), format, -1, null, Map.of(),
                    "unreadable: " + e.getMessage());
        }
        Map<String, Object> header = Map.of();
        String error = null;
        if (withHeader && (format.equals("safetensors") || format.equals("gguf"))) {
            try {
                header = format.equals("gguf") ? GgufHeader.read(file) : SafetensorsHeader.read(file);
            } catch (IOException | RuntimeException e) {
                error = e.getMessage();
            }
        }
        return new ModelFile(root.toString(), DatasetFiles.relative(root, file), format, size, modified, header, error);
    }
}
