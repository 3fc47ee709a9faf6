package dev.observatory.core.job;

import dev.observatory.analysis.checkpoints.CheckpointLayouts;
import dev.observatory.analysis.checkpoints.CheckpointMatch;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds checkpoints in one job's output directory: files and folders matching the {@link CheckpointScan} patterns,
 * reported when new or changed (size or modification time) since the previous scan. Hidden folders, staging folders
 * ({@code tmp-checkpoint-*}, where the Hugging Face Trainer writes a checkpoint before renaming it into place) and
 * symbolic links are not followed; a folder checkpoint is reported whole and not looked into for more. Bounded: at most
 * {@link #MAX_ENTRIES} entries and {@link #MAX_DEPTH} levels per scan. Used by one thread at a time.
 */
final class CheckpointWatcher {
    static final int MAX_ENTRIES = 20_000;
    static final int MAX_DEPTH = 8;

    private final Path dir;
    private final List<Rule> rules;
    /** Relative path to the size and modification time last reported. */
    private final Map<String, Long> reported = new HashMap<>();

    /** A checkpoint seen in the directory: path relative to it ('/'-separated), step and epoch from the name. */
    record Found(String path, Path location, boolean folder, long size, long modifiedMs, Long step, Long epoch,
            String layout) {
    }

    private record Rule(PathMatcher matcher, boolean folders, boolean byName) {
    }

    CheckpointWatcher(Path dir, List<String> patterns) {
        this.dir = dir;
        this.rules = patterns.stream().map(CheckpointWatcher::rule).toList();
    }

    private static Rule rule(String pattern) {
        boolean folders = pattern.endsWith("/");
        String glob = folders ? pattern.substring(0, pattern.length() - 1) : pattern;
        return new Rule(FileSystems.getDefault().getPathMatcher("glob:" + glob), folders, !glob.contains("/"));
    }

    /** Checkpoints new or changed since the last scan; empty when the directory is gone. */
    List<Found> scan() throws IOException {
        List<Found> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        int[] entries = { 0 };
        Files.walkFileTree(dir, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                new SimpleFileVisitor<Path>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                        if (d.equals(dir)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (++entries[0] > MAX_ENTRIES) {
                            return FileVisitResult.TERMINATE;
                        }
                        if (skipped(d.getFileName().toString())) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        if (matches(d, true)) {
                            long[] totals = folderTotals(d);
                            report(found, d, true, totals[0], Math.max(totals[1], attrs.lastModifiedTime().toMillis()));
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                        if (++entries[0] > MAX_ENTRIES) {
                            return FileVisitResult.TERMINATE;
                        }
                        if (attrs.isRegularFile() && matches(f, false)) {
                            report(found, f, false, attrs.size(), attrs.lastModifiedTime().toMillis());
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) {
                        return FileVisitResult.CONTINUE; // deleted while scanning (a trainer pruning old checkpoints)
                    }
                });
        return found;
    }

    /** Hidden folders and checkpoint staging folders: what is inside is not (yet) a checkpoint. */
    static boolean skipped(String folderName) {
        return folderName.startsWith(".") || folderName.startsWith("tmp-checkpoint-");
    }

    private boolean matches(Path p, boolean folder) {
        Path rel = dir.relativize(p);
        for (Rule r : rules) {
            if (r.folders() == folder && r.matcher().matches(r.byName() ? p.getFileName() : rel)) {
                return true;
            }
        }
        return false;
    }

    private void report(List<Found> found, Path p, boolean folder, long size, long modifiedMs) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        Long sig = signature(size, modifiedMs);
        if (sig.equals(reported.get(rel))) {
            return;
        }
        reported.put(rel, sig);
        Optional<CheckpointMatch> m = CheckpointLayouts.recognise(folder ? rel + "/" : rel);
        Long step = m.map(CheckpointMatch::step).orElse(null);
        Long epoch = m.map(CheckpointMatch::epoch).map(Integer::longValue).orElse(null);
        found.add(new Found(rel, p.toAbsolutePath(), folder, size, modifiedMs, step, epoch,
                m.map(CheckpointMatch::layout).orElse("pattern")));
    }

    /** Bytes of the regular files in a folder (links not followed) and the newest modification time among them. */
    private static long[] folderTotals(Path folder) throws IOException {
        long[] totals = { 0, 0 };
        Files.walkFileTree(folder, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                new SimpleFileVisitor<Path>() {
                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            totals[0] += attrs.size();
                            totals[1] = Math.max(totals[1], attrs.lastModifiedTime().toMillis());
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        return totals;
    }

    private static Long signature(long size, long modifiedMs) {
        return size * 1_000_003L ^ modifiedMs;
    }
}
