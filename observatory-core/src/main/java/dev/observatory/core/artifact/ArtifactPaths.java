package dev.observatory.core.artifact;

import dev.observatory.model.artifact.ArtifactKind;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules for artifact paths and blob keys, and what a path says about its content: common checkpoint layouts
 * ({@code step_000100.pt}, {@code checkpoint-500/}, {@code epoch=3-step=1000.ckpt}, {@code global_step1000/},
 * {@code *.safetensors}, {@code *.gguf}) give the kind, step and epoch.
 */
final class ArtifactPaths {
    static final int MAX_PATH = 1024;
    private static final Pattern STEP = Pattern
            .compile("(?:^|[^a-z0-9])(?:global_step|step|checkpoint|ckpt|iter|iteration)[_=-]?0*(\\d{1,18})(?![0-9])");
    private static final Pattern EPOCH = Pattern.compile("(?:^|[^a-z0-9])epoch[_=-]?0*(\\d{1,18})(?![0-9])");
    private static final Pattern WEIGHTS = Pattern
            .compile(".*\\.(pt|pth|ckpt|safetensors|gguf|bin|h5|keras|msgpack|npz|distcp|pkl|onnx)$");

    private ArtifactPaths() {
    }

    /**
     * Checks a user-given relative path: 1-1024 characters, '/'-separated, no empty, "." or ".." segment, not absolute,
     * no backslash, no NUL or other control character. Returns it unchanged.
     */
    static String check(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException(
                    "artifact path must not be empty: give a relative path such as" + " checkpoints/step_000100.pt");
        }
        if (path.length() > MAX_PATH) {
            throw new IllegalArgumentException(
                    "artifact path may be at most " + MAX_PATH + " characters, got " + path.length());
        }
        for (int i = 0; i < path.length(); i++) {
            char ch = path.charAt(i);
            if (Character.isISOControl(ch)) {
                throw new IllegalArgumentException("artifact path contains a control character (code " + (int) ch
                        + ") at index " + i + ": use printable characters only");
            }
            if (ch == '\\') {
                throw new IllegalArgumentException(
                        "artifact path contains a backslash at index " + i + ": separate folders with '/'");
            }
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException(
                    "artifact path '" + shown(path) + "' is absolute: give a path relative to the run");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("artifact path '" + shown(path)
                        + "' has an empty, '.' or '..' segment: paths may not leave the run's folder");
            }
        }
        return path;
    }

    /** Checks a blob key prefix given by a user ("" for the root): like a path, but may end in '/'. */
    static String checkPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        check(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return prefix;
    }

    /** The blob key of a run's artifact. */
    static String key(String project, String runId, String path) {
        return "projects/" + project + "/runs/" + runId + "/artifacts/" + path;
    }

    /** What the path says: kind (checkpoint for weight files or step folders), step and epoch when named. */
    static Facts facts(String path) {
        var match = dev.observatory.analysis.checkpoints.CheckpointLayouts.recognise(path);
        if (match.isPresent() && match.get().weights()) {
            Integer e = match.get().epoch();
            return new Facts(ArtifactKind.CHECKPOINT, match.get().step(), e == null ? null : e.longValue());
        }
        String p = path.toLowerCase(Locale.ROOT);
        Long step = number(STEP, p);
        Long epoch = number(EPOCH, p);
        String file = p.substring(p.lastIndexOf('/') + 1);
        ArtifactKind kind = WEIGHTS.matcher(file).matches() || step != null && p.contains("checkpoint")
                ? ArtifactKind.CHECKPOINT
                : p.matches(".*\\.(mp4|gif|webm|avi)$") || p.contains("replay") ? ArtifactKind.REPLAY
                        : p.matches(".*\\.(html|pdf|md)$") ? ArtifactKind.REPORT : ArtifactKind.OTHER;
        return new Facts(kind, step, epoch);
    }

    /** The last match in the path wins (the file name names the step more precisely than a folder). */
    private static Long number(Pattern pattern, String path) {
        Matcher m = pattern.matcher(path);
        Long last = null;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    private static String shown(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** What a path says about its artifact. */
    record Facts(ArtifactKind kind, Long step, Long epoch) {
    }
}
