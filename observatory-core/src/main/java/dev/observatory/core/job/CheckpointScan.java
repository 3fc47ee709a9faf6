package dev.observatory.core.job;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Which files and folders in a job's output directory (its working directory) are checkpoints, and how often it is
 * scanned while the job runs (it is scanned once more when the job ends). Patterns are globs: one ending in {@code /}
 * matches folders only (registered whole; nothing inside is looked at), one without another {@code /} matches the name
 * at any depth, one with a {@code /} matches the path relative to the output directory.
 *
 * @param patterns
 *            empty: no checkpoints are registered automatically
 * @param every
 *            scan period while the job runs
 */
public record CheckpointScan(List<String> patterns, Duration every) {
    /** Common layouts: Hugging Face Trainer folders, Lightning and plain weight files, step-numbered PyTorch files. */
    public static final List<String> DEFAULT_PATTERNS = List.of("checkpoint-*/", "*.ckpt", "*.safetensors", "step_*.pt",
            "step_*.pth");

    public CheckpointScan {
        patterns = patterns.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        for (String p : patterns) {
            if (p.startsWith("/") || p.contains("..") || p.equals("/")) {
                throw new IllegalArgumentException("checkpoint pattern '" + p
                        + "' must be a relative glob such as checkpoint-*/ or *.safetensors");
            }
        }
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the checkpoint scan period must be positive, got " + every);
        }
    }

    /** The default patterns, scanned every 10 s. */
    public static CheckpointScan defaults() {
        return new CheckpointScan(DEFAULT_PATTERNS, Duration.ofSeconds(10));
    }

    /** A comma list of patterns (empty: disabled) scanned every {@code seconds}. */
    public static CheckpointScan parse(String commaList, long seconds) {
        List<String> p = commaList == null ? List.of() : Arrays.asList(commaList.split(","));
        return new CheckpointScan(p, Duration.ofSeconds(seconds));
    }

    public boolean enabled() {
        return !patterns.isEmpty();
    }
}
