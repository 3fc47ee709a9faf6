package dev.observatory.core.opsmetrics;

import java.util.List;

/**
 * The outcome of an ingest: samples stored, samples refused and why (a few messages).
 *
 * @param skipped
 *            samples not stored that are not errors: Prometheus staleness markers (NaN)
 */
public record OpsIngestResult(long accepted, long rejected, long skipped, List<String> errors) {
    public OpsIngestResult {
        errors = List.copyOf(errors);
    }

    /** The errors joined, or null when there are none. */
    public String message() {
        return errors.isEmpty() ? null : String.join("; ", errors);
    }
}
