package dev.observatory.model;

import java.time.Instant;

/**
 * One line a run printed. {@code seq} is assigned by the store, increasing per run. {@code stream} is "stdout",
 * "stderr" or any short label. {@code level} is derived from the text when not sent (ERROR, WARN, INFO, DEBUG) and may
 * be null.
 */
public record LogLine(String runId, long seq, Instant at, String stream, String level, String text) {
}
