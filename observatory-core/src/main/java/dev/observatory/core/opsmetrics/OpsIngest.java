package dev.observatory.core.opsmetrics;

import dev.observatory.model.opsmetric.OpsSamples;
import java.util.List;

/**
 * Received service metric samples: those of cumulative series (counters, gauges, cumulative histograms) and those of
 * delta sums, which the service turns into cumulative series before storing.
 *
 * @param samples
 *            cumulative or gauge samples, stored as they are
 * @param deltas
 *            per-interval increments of delta-temporality sums and histograms
 */
public record OpsIngest(List<OpsSamples> samples, List<OpsSamples> deltas) {
    public OpsIngest {
        samples = List.copyOf(samples);
        deltas = List.copyOf(deltas);
    }

    /** Samples only. */
    public static OpsIngest of(List<OpsSamples> samples) {
        return new OpsIngest(samples, List.of());
    }

    public int size() {
        return samples.stream().mapToInt(OpsSamples::size).sum() + deltas.stream().mapToInt(OpsSamples::size).sum();
    }
}
