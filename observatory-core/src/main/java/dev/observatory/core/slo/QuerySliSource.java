package dev.observatory.core.slo;

import dev.observatory.core.opsmetrics.prom.PrometheusClient;
import dev.observatory.core.opsmetrics.prom.PrometheusException;
import dev.observatory.core.opsmetrics.query.QueryEngine;
import dev.observatory.core.opsmetrics.query.QueryParser;
import dev.observatory.core.opsmetrics.query.QueryResult;
import dev.observatory.core.opsmetrics.query.Row;
import dev.observatory.core.opsmetrics.query.SeriesSource;
import dev.observatory.model.slo.SliCounts;
import dev.observatory.model.slo.SliSelector;
import dev.observatory.store.OpsMetricStore;
import dev.observatory.store.StoreException;
import java.time.Instant;

/**
 * SLI events from counter queries ({@link SliSpec}): Observatory's service metrics store or the configured Prometheus,
 * each window one instant query at its end, {@code sum(increase(counter[window]))}. Good and bad events of counters are
 * rounded to whole events; a histogram's buckets are spread over the SLI latency buckets, so that latency SLOs get a
 * percentile and an interpolated count under the threshold.
 */
public final class QuerySliSource implements SliSource {

    /** Evaluates a query at one time (epoch ms). */
    interface Evaluator {
        QueryResult instant(String query, long timeMs);
    }

    private final String slo;
    private final SliSpec spec;
    private final Evaluator eval;

    QuerySliSource(String slo, SliSpec spec, Evaluator eval) {
        this.slo = slo;
        this.spec = spec;
        this.eval = eval;
    }

    /** Over Observatory's service metrics store. */
    public static QuerySliSource metrics(String slo, SliSpec spec, OpsMetricStore store) {
        QueryEngine engine = new QueryEngine(SeriesSource.of(store));
        return new QuerySliSource(slo, spec, engine::instant);
    }

    /** Over a Prometheus server; null client: prometheus_url is not configured. */
    public static QuerySliSource prometheus(String slo, SliSpec spec, PrometheusClient client) {
        if (client == null) {
            return new QuerySliSource(slo, spec, (q, t) -> {
                throw new StoreException("SLO " + slo + " reads Prometheus, but prometheus_url is not configured:"
                        + " set it (OBSERVATORY_PROMETHEUS_URL) or use sli.source metrics or spans", null);
            });
        }
        return new QuerySliSource(slo, spec, (q, t) -> {
            try {
                return PrometheusClient.toResult(client.query(q, t), new long[] { t });
            } catch (PrometheusException e) {
                if (e.unreachable()) {
                    throw new StoreException("status of SLO " + slo + " is unknown: " + e.getMessage(), e);
                }
                throw new IllegalArgumentException("SLO " + slo + ": query " + q + " failed: " + e.getMessage(), e);
            }
        });
    }

    /** Checks that every query of a metrics-store SLI parses; IllegalArgumentException saying which and why. */
    static void validate(String slo, SliSpec spec) {
        if (!spec.source().equals(SliSpec.METRICS)) {
            return;
        }
        for (String q : new String[] { spec.good(), spec.bad(), spec.total() }) {
            if (q != null) {
                parse(slo, counterQuery(q, 3600));
            }
        }
        if (spec.histogram() != null) {
            parse(slo, bucketQuery(spec.histogram(), 3600));
        }
    }

    private static void parse(String slo, String query) {
        try {
            QueryParser.parse(query);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "SLO " + slo + ": the sli query " + query + " is invalid: " + e.getMessage(), e);
        }
    }

    @Override
    public SliCounts counts(SliSelector selector, Instant from, Instant to) {
        long seconds = Math.max(1, (to.toEpochMilli() - from.toEpochMilli() + 999) / 1000);
        long t = to.toEpochMilli();
        if (spec.histogram() != null) {
            return HistogramSli.counts(eval.instant(bucketQuery(spec.histogram(), seconds), t));
        }
        double total = sum(counterQuery(spec.total(), seconds), t);
        double bad = spec.bad() != null ? sum(counterQuery(spec.bad(), seconds), t)
                : total - sum(counterQuery(spec.good(), seconds), t);
        long events = Math.round(total);
        long badEvents = Math.min(events, Math.max(0, Math.round(bad)));
        return new SliCounts(events, badEvents, new long[dev.observatory.model.slo.LatencyBuckets.COUNT]);
    }

    private double sum(String query, long t) {
        double s = 0;
        for (Row r : eval.instant(query, t).rows()) {
            double v = r.values()[r.values().length - 1];
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                s += v;
            }
        }
        return s;
    }

    /** {@code sum(increase(sel[Ns]))} for a selector, the expression with $window replaced otherwise. */
    static String counterQuery(String expr, long seconds) {
        if (expr.contains(SliSpec.WINDOW)) {
            return expr.replace(SliSpec.WINDOW, seconds + "s");
        }
        return "sum(increase(" + expr + "[" + seconds + "s]))";
    }

    /** {@code sum by (le) (increase(name_bucket{...}[Ns]))}. */
    static String bucketQuery(String histogram, long seconds) {
        int brace = histogram.indexOf('{');
        String name = brace < 0 ? histogram : histogram.substring(0, brace);
        String matchers = brace < 0 ? "" : histogram.substring(brace);
        String bucket = name.endsWith("_bucket") ? name : name + "_bucket";
        return "sum by (le) (increase(" + bucket + matchers + "[" + seconds + "s]))";
    }
}
