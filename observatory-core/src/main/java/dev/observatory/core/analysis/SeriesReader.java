package dev.observatory.core.analysis;

import dev.observatory.core.MetricHistory;
import dev.observatory.core.Tracking;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.SeriesBucket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads metric series through {@link Tracking}, in one of two deliberate ways:
 * <ul>
 * <li>{@link #full}: every point, paged through {@link Tracking#rawHistory} ({@value #PAGE} points a page). Used where
 * the algorithm needs every point: critical moments (noise level, spikes, jump z scores), trend and convergence of the
 * primary metric, forecasts, correlations, the train/eval gap. Series longer than {@value #MAX_FULL_POINTS} points are
 * read as an M4 chart of {@value #FALLBACK_BUCKETS} buckets instead and marked {@code sampled}.</li>
 * <li>{@link #chart}: the M4 downsampling of {@link Tracking#history} (first, last, min and max of each step bucket,
 * computed by the store). Used where the shape is enough and many series are read at once: secondary metrics
 * (throughput, per-action rates), runs of a comparison or a baseline whose series are long, and the window of
 * {@code watch_run}.</li>
 * </ul>
 */
final class SeriesReader {
    static final int PAGE = 100_000;
    static final long MAX_FULL_POINTS = 2_000_000;
    static final int FALLBACK_BUCKETS = 10_000;

    private final Tracking tracking;

    SeriesReader(Tracking tracking) {
        this.tracking = tracking;
    }

    /** Every point of a series (see the class comment for the size limit). */
    SeriesData full(String runId, MetricSummary summary) {
        if (summary.count() > MAX_FULL_POINTS) {
            return chart(runId, summary, FALLBACK_BUCKETS);
        }
        return range(runId, summary, null, null);
    }

    /** Every point with {@code from <= step <= to} (null: open end). */
    SeriesData range(String runId, MetricSummary summary, Long from, Long to) {
        int capacity = (int) Math.min(summary.count(), MAX_FULL_POINTS);
        long[] steps = new long[capacity];
        double[] values = new double[capacity];
        int n = 0;
        String cursor = null;
        do {
            Tracking.RawPoints page = tracking.rawHistory(runId, summary.key(), from, to, cursor, PAGE);
            for (MetricPoint p : page.points()) {
                if (n == steps.length) {
                    steps = java.util.Arrays.copyOf(steps, Math.max(16, n * 2));
                    values = java.util.Arrays.copyOf(values, steps.length);
                }
                steps[n] = p.step();
                values[n] = p.value();
                n++;
            }
            cursor = page.nextCursor();
        } while (cursor != null && n < MAX_FULL_POINTS);
        return new SeriesData(runId, summary.key(), java.util.Arrays.copyOf(steps, n),
                java.util.Arrays.copyOf(values, n), summary.count(), false);
    }

    /** Every point when the series has at most {@code maxFull} points, else an M4 chart of {@code buckets}. */
    SeriesData fullOrChart(String runId, MetricSummary summary, long maxFull, int buckets) {
        return summary.count() <= maxFull ? full(runId, summary) : chart(runId, summary, buckets);
    }

    /** The M4 chart of a series with at most {@code buckets} buckets (every point when the series is smaller). */
    SeriesData chart(String runId, MetricSummary summary, int buckets) {
        return chart(runId, summary, null, null, buckets);
    }

    SeriesData chart(String runId, MetricSummary summary, Long from, Long to, int buckets) {
        MetricHistory h = tracking.history(runId, summary.key(), from, to, buckets);
        return fromBuckets(runId, summary, h.buckets(), h.downsampled());
    }

    /**
     * The M4 charts of one metric of many runs, for the runs whose series {@link #fullOrChart} would chart (more than
     * {@code maxFull} and more than {@code buckets} points), from one bulk store read
     * ({@code MetricStore.downsampleRuns}) instead of one query per run. Keyed by run id; the runs left out are those
     * to read one by one.
     */
    Map<String, SeriesData> chartsOfLongSeries(Map<String, MetricSummary> summaryByRun, long maxFull, int buckets) {
        Map<String, SeriesData> out = new LinkedHashMap<>();
        List<String> bulk = new ArrayList<>();
        String key = null;
        for (var e : summaryByRun.entrySet()) {
            MetricSummary s = e.getValue();
            if (s.count() > maxFull && s.count() > buckets && (key == null || key.equals(s.key()))) {
                key = s.key();
                bulk.add(e.getKey());
            }
        }
        if (!bulk.isEmpty()) {
            Map<String, List<SeriesBucket>> charts = tracking.store().metrics().downsampleRuns(bulk, key, buckets);
            for (String runId : bulk) {
                List<SeriesBucket> b = charts.get(runId);
                if (b != null) {
                    out.put(runId, fromBuckets(runId, summaryByRun.get(runId), b, true));
                }
            }
        }
        return out;
    }

    private static SeriesData fromBuckets(String runId, MetricSummary summary, List<SeriesBucket> buckets,
            boolean downsampled) {
        long[] steps = new long[buckets.size() * 4];
        double[] values = new double[steps.length];
        int n = 0;
        for (SeriesBucket b : buckets) {
            n = addPoints(b, steps, values, n);
        }
        return new SeriesData(runId, summary.key(), java.util.Arrays.copyOf(steps, n),
                java.util.Arrays.copyOf(values, n), summary.count(), downsampled);
    }

    /** Adds a bucket's first, min, max and last points in step order, each step once. */
    private static int addPoints(SeriesBucket b, long[] steps, double[] values, int n) {
        long[][] pts = { { b.firstStep(), 0 }, { b.minStep(), 1 }, { b.maxStep(), 2 }, { b.lastStep(), 3 } };
        double[] v = { b.first(), b.min(), b.max(), b.last() };
        java.util.Arrays.sort(pts, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        for (long[] p : pts) {
            double value = v[(int) p[1]];
            if (n > 0 && steps[n - 1] == p[0]) {
                continue;
            }
            if (Double.isNaN(value) && (p[1] == 1 || p[1] == 2)) {
                continue;
            }
            steps[n] = p[0];
            values[n] = value;
            n++;
        }
        return n;
    }
}
