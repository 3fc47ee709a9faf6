package dev.observatory.server.mlflow;

import dev.observatory.core.artifact.Artifacts;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactQuery;
import dev.observatory.model.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One directory level of a run's artifacts the way MLflow lists them: the files directly in the directory and its
 * sub-directories (derived from deeper paths; Observatory stores files, not directories), sorted by path.
 */
final class ArtifactListing {
    /** Most artifacts read under one directory; a deeper tree is listed partially (MLflow lists without paging). */
    static final int MAX_SCANNED = 100_000;

    /** One entry: its path (relative to the run's root, or to the listed directory), and size for files. */
    record FileInfo(String path, boolean dir, long size) {
    }

    private ArtifactListing() {
    }

    /**
     * The entries directly under {@code dir} ("" or null: the run's root).
     *
     * @param relativeToDir
     *            paths relative to {@code dir} (the artifact proxy) instead of to the run's root (artifacts/list)
     */
    static List<FileInfo> list(Artifacts artifacts, String runId, String dir, boolean relativeToDir) {
        String base = dir == null ? "" : trimSlashes(dir);
        if (base.contains("..")) {
            throw MlflowException.invalid("Invalid path '" + dir + "': '..' is not allowed in artifact paths");
        }
        String prefix = base.isEmpty() ? null : base + "/";
        TreeMap<String, FileInfo> entries = new TreeMap<>();
        String cursor = null;
        int scanned = 0;
        do {
            ArtifactQuery q = new ArtifactQuery(runId, null, null, prefix, null, null, ArtifactQuery.Sort.PATH, false,
                    Artifacts.MAX_PAGE, 0);
            Page<Artifact> page = artifacts.list(q, cursor);
            for (Artifact a : page.items()) {
                String rest = prefix == null ? a.path() : a.path().substring(prefix.length());
                int slash = rest.indexOf('/');
                String name = slash < 0 ? rest : rest.substring(0, slash);
                String shown = relativeToDir || prefix == null ? name : prefix + name;
                entries.putIfAbsent(name, new FileInfo(shown, slash >= 0, slash >= 0 ? 0 : a.size()));
            }
            scanned += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null && scanned < MAX_SCANNED);
        return new ArrayList<>(entries.values());
    }

    static String trimSlashes(String p) {
        String s = p.strip();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
