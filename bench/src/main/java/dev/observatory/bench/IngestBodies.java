package dev.observatory.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pre-generated columnar ingest bodies for one client: batch i carries the steps
 * {@code [i*stepsPerBatch, (i+1)*stepsPerBatch)} of every key, so sending them in order keeps each series' steps
 * increasing. Values are realistic noisy curves printed the way Python's json does (shortest round-trip repr), so the
 * server parses what real clients send.
 *
 * @param bodies
 *            the JSON bodies, in step order
 * @param pointsPerBatch
 *            points in every body (keys x steps)
 */
record IngestBodies(List<byte[]> bodies, int pointsPerBatch) {
    /** 2026-01-01T00:00:00Z: a fixed clock keeps the bodies identical between runs. */
    static final long EPOCH_MS = 1_767_225_600_000L;

    static IngestBodies generate(long seed, int batches, int pointsPerBatch, int keys) {
        if (keys < 1 || pointsPerBatch % keys != 0) {
            throw new IllegalArgumentException("points per batch (" + pointsPerBatch + ") must be a multiple of the"
                    + " number of keys (" + keys + ")");
        }
        int steps = pointsPerBatch / keys;
        long totalSteps = (long) batches * steps;
        SplittableRandom rnd = new SplittableRandom(seed);
        List<byte[]> out = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            out.add(body((long) b * steps, steps, keys, totalSteps, rnd).getBytes(StandardCharsets.UTF_8));
        }
        return new IngestBodies(List.copyOf(out), pointsPerBatch);
    }

    static String body(long firstStep, int steps, int keys, long totalSteps, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(steps * keys * 44 + 64);
        sb.append("{\"metrics\":{");
        for (int k = 0; k < keys; k++) {
            TrainingCurves curve = TrainingCurves.forKey(k);
            if (k > 0) {
                sb.append(',');
            }
            sb.append('"').append(TrainingCurves.keyName(k)).append("\":{\"steps\":[");
            for (int i = 0; i < steps; i++) {
                sb.append(i == 0 ? "" : ",").append(firstStep + i);
            }
            sb.append("],\"values\":[");
            for (int i = 0; i < steps; i++) {
                sb.append(i == 0 ? "" : ",").append(curve.at(firstStep + i, totalSteps, rnd));
            }
            sb.append("],\"timestamps\":[");
            for (int i = 0; i < steps; i++) {
                sb.append(i == 0 ? "" : ",").append(EPOCH_MS + (firstStep + i) * 250);
            }
            sb.append("]}");
        }
        return sb.append("}}").toString();
    }

    long totalBytes() {
        return bodies.stream().mapToLong(b -> b.length).sum();
    }
}
