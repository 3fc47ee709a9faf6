package dev.observatory.core.opsmetrics;

import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.core.opsmetrics.query.QueryEngine;
import dev.observatory.core.opsmetrics.query.QueryResult;
import dev.observatory.core.opsmetrics.query.SeriesSource;
import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import dev.observatory.store.OpsMetricStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Service metrics (OTLP metrics, Prometheus remote write) of one tracking: validated ingest, delta sums turned into
 * cumulative ones, retention, and queries in Observatory's metric query language (docs/metrics-query-language.md).
 * Built per request ({@code new OpsMetrics(tracking)}); settings and delta state live per tracking.
 */
public final class OpsMetrics {
    private static final Map<Tracking, OpsMetricsSettings> CONFIGURED = Collections
            .synchronizedMap(new WeakHashMap<>());
    private static final Map<Tracking, DeltaState> DELTAS = Collections.synchronizedMap(new WeakHashMap<>());
    /** Earliest accepted sample time: 2000-01-01. */
    static final long MIN_TIME_MS = 946_684_800_000L;

    private final Tracking tracking;
    private final OpsMetricsSettings settings;

    public OpsMetrics(Tracking tracking) {
        this.tracking = tracking;
        this.settings = CONFIGURED.getOrDefault(tracking, OpsMetricsSettings.defaults());
    }

    /** Sets the settings every {@code new OpsMetrics(tracking)} of this tracking uses. */
    public static void configure(Tracking tracking, OpsMetricsSettings settings) {
        CONFIGURED.put(tracking, settings);
    }

    public OpsMetricsSettings settings() {
        return settings;
    }

    OpsMetricStore store() {
        return tracking.store().opsMetrics();
    }

    /** Stores the samples (names made Prometheus-valid); NaN values are staleness markers and skipped. */
    public OpsIngestResult ingest(OpsIngest batch) {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("ingest service metrics");
        }
        List<String> errors = new ArrayList<>();
        long[] counts = new long[3]; // accepted, rejected, skipped
        List<OpsSamples> clean = new ArrayList<>();
        for (OpsSamples s : batch.samples()) {
            addClean(s, clean, counts, errors);
        }
        List<OpsSamples> deltas = new ArrayList<>();
        for (OpsSamples s : batch.deltas()) {
            addClean(s, deltas, counts, errors);
        }
        if (!deltas.isEmpty()) {
            clean.addAll(DELTAS.computeIfAbsent(tracking, t -> new DeltaState()).cumulative(deltas, store()));
        }
        if (!clean.isEmpty()) {
            store().append(clean);
        }
        OpsRetention.maybeRun(store(), settings.retentionDays(), tracking.clock());
        return new OpsIngestResult(counts[0], counts[1], counts[2], errors);
    }

    private static void addClean(OpsSamples s, List<OpsSamples> out, long[] counts, List<String> errors) {
        OpsSeries series = OpsNames.normalized(s.series());
        long[] t = new long[s.size()];
        double[] v = new double[s.size()];
        int n = 0;
        for (int i = 0; i < s.size(); i++) {
            double value = s.values()[i];
            if (Double.isNaN(value)) {
                counts[2]++;
            } else if (s.times()[i] < MIN_TIME_MS) {
                counts[1]++;
                if (errors.size() < 5) {
                    errors.add(series.name() + ": sample time " + s.times()[i]
                            + " ms is before 2000-01-01 (times are epoch milliseconds)");
                }
            } else {
                t[n] = s.times()[i];
                v[n++] = value;
            }
        }
        counts[0] += n;
        if (n > 0) {
            out.add(n == s.size() && series == s.series() ? s
                    : new OpsSamples(series, java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(v, n)));
        }
    }

    /** Evaluates a query at every step from start to end (instant: start == end). */
    public QueryResult query(String query, long startMs, long endMs, long stepMs) {
        return new QueryEngine(SeriesSource.of(store())).range(query, startMs, endMs, stepMs);
    }

    /** Metric names stored, sorted, containing the text (case-insensitive; null or empty: all). */
    public List<String> names(String contains) {
        String c = contains == null ? "" : contains.toLowerCase(Locale.ROOT);
        return store().names().stream().filter(n -> n.toLowerCase(Locale.ROOT).contains(c)).toList();
    }

    /** The series of a metric name. */
    public List<OpsSeries> series(String name) {
        return store().series(name);
    }

    /** The series an instant selector such as {@code up{job="api"}} selects; QueryException for other queries. */
    public List<OpsSeries> select(String selector) {
        return new QueryEngine(SeriesSource.of(store())).series(selector);
    }

    /** The configured Prometheus, or null when prometheus_url is not set. */
    public dev.observatory.core.opsmetrics.prom.PrometheusClient prometheus() {
        return settings.prometheusUrl() == null ? null
                : new dev.observatory.core.opsmetrics.prom.PrometheusClient(settings.prometheusUrl(),
                        settings.prometheusTimeout());
    }

    /** Deletes samples past the retention now; returns how many. */
    public long applyRetention() {
        return OpsRetention.run(store(), settings.retentionDays(), tracking.clock());
    }
}
