package dev.observatory.core.apm;

import dev.observatory.analysis.anomaly.MetricSeries;
import dev.observatory.core.Tracking;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.trace.SpanBucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The series that anomaly detection and capacity forecasts read: a span-derived series per time bucket (request rate,
 * error rate, latency percentiles of the entry spans), or a run's metric series from the tracking store.
 */
public final class ApmSeries {
    /** Most buckets of a span-derived series. */
    public static final int MAX_BUCKETS = 20_000;
    /** Most points of a run series kept (the latest). */
    public static final int MAX_POINTS = 50_000;
    /** Most points read from a run series to find its latest {@link #MAX_POINTS}. */
    static final long MAX_READ = 2_000_000;
    static final long DAY_MS = 86_400_000L;

    /** Span-derived signals. */
    public enum Signal {
        REQUEST_RATE, ERROR_RATE, P50_LATENCY_MS, P95_LATENCY_MS, P99_LATENCY_MS;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ApmSeries() {
    }

    /**
     * One point per bucket from the window's start to its end, the bucket's start as epoch milliseconds. A bucket
     * without requests has rate 0 and no latency or error rate (NaN: a gap).
     */
    public static SeriesSource spans(Apm apm, ApmWindow w, String service, String operation, Signal signal,
            Duration bucket) {
        if (bucket == null || bucket.toSeconds() < 1) {
            throw new IllegalArgumentException("bucket must be at least 1 second");
        }
        long width = bucket.toNanos();
        long first = w.fromNanos() - Math.floorMod(w.fromNanos(), width);
        long count = (w.toNanos() - first + width - 1) / width;
        if (count > MAX_BUCKETS) {
            throw new IllegalArgumentException("the window holds " + count + " buckets of " + bucket + "; at most "
                    + MAX_BUCKETS + ": use a wider bucket or a shorter window");
        }
        String svc = Apm.blankToNull(service);
        apm.requireService(w, svc);
        List<SpanBucket> rows = apm.store().spanBuckets(Apm.query(w, svc, Apm.blankToNull(operation)), width);
        long[] x = new long[(int) count];
        double[] v = new double[(int) count];
        for (int i = 0; i < count; i++) {
            x[i] = (first + i * width) / 1_000_000;
            v[i] = signal == Signal.REQUEST_RATE ? 0 : Double.NaN;
        }
        double seconds = width / 1e9;
        for (SpanBucket b : rows) {
            int i = (int) ((b.startNanos() - first) / width);
            if (i >= 0 && i < count) {
                v[i] = switch (signal) {
                    case REQUEST_RATE -> b.requests() / seconds;
                    case ERROR_RATE -> (double) b.errors() / b.requests();
                    case P50_LATENCY_MS -> b.p50Nanos() / 1e6;
                    case P95_LATENCY_MS -> b.p95Nanos() / 1e6;
                    case P99_LATENCY_MS -> b.p99Nanos() / 1e6;
                };
            }
        }
        long widthMs = Math.max(1, width / 1_000_000);
        String name = signal.id() + (svc == null ? " of every service" : " of " + svc)
                + (operation == null ? "" : " " + operation) + " per " + bucket.toString().substring(2).toLowerCase();
        return new SeriesSource(name, new MetricSeries(x, v), "epoch_ms", widthMs, periods(widthMs), false);
    }

    /** Daily and weekly periods in points of the given spacing, when whole. */
    static List<Integer> periods(long spacingMs) {
        List<Integer> out = new ArrayList<>();
        for (long p : new long[] { DAY_MS, 7 * DAY_MS }) {
            if (spacingMs > 0 && p % spacingMs == 0 && p / spacingMs >= 2 && p / spacingMs <= MAX_BUCKETS) {
                out.add((int) (p / spacingMs));
            }
        }
        return out;
    }

    /**
     * A run's metric series (the latest {@link #MAX_POINTS} points), positioned by step or by wall-clock time (epoch
     * milliseconds). NotFoundException for an unknown run or key.
     */
    public static SeriesSource run(Tracking tracking, String runId, String key, boolean byTime) {
        tracking.metricSummary(runId, key);
        long[] x = new long[MAX_POINTS];
        double[] v = new double[MAX_POINTS];
        long read = 0;
        String cursor = null;
        do {
            Tracking.RawPoints page = tracking.rawHistory(runId, key, null, null, cursor, 50_000);
            for (MetricPoint p : page.points()) {
                int slot = (int) (read % MAX_POINTS);
                x[slot] = byTime ? p.timestampMs() : p.step();
                v[slot] = p.value();
                read++;
            }
            cursor = page.nextCursor();
        } while (cursor != null && read < MAX_READ);
        int n = (int) Math.min(read, MAX_POINTS);
        long[] xs = new long[n];
        double[] vs = new double[n];
        int start = read > MAX_POINTS ? (int) (read % MAX_POINTS) : 0;
        for (int i = 0; i < n; i++) {
            xs[i] = x[(start + i) % MAX_POINTS];
            vs[i] = v[(start + i) % MAX_POINTS];
        }
        if (byTime) {
            sortByX(xs, vs);
        }
        long spacing = medianSpacing(xs);
        String unit = byTime ? "epoch_ms" : "step";
        return new SeriesSource("run " + runId + " metric " + key, new MetricSeries(xs, vs), unit, spacing,
                byTime ? periods(spacing) : List.of(), read > MAX_POINTS || cursor != null);
    }

    private static void sortByX(long[] x, double[] v) {
        Integer[] idx = new Integer[x.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(x[a], x[b]));
        long[] xs = x.clone();
        double[] vs = v.clone();
        for (int i = 0; i < idx.length; i++) {
            x[i] = xs[idx[i]];
            v[i] = vs[idx[i]];
        }
    }

    static long medianSpacing(long[] x) {
        if (x.length < 2) {
            return 0;
        }
        long[] d = new long[x.length - 1];
        for (int i = 1; i < x.length; i++) {
            d[i - 1] = x[i] - x[i - 1];
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }
}
