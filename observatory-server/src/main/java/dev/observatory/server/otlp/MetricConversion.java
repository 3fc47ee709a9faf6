package dev.observatory.server.otlp;

import dev.observatory.core.opsmetrics.OpsIngest;
import dev.observatory.core.opsmetrics.OpsNames;
import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OTLP metrics into Prometheus-style series (as Prometheus' own OTLP receiver names them): names with dots become
 * underscores; monotonic sums get {@code _total}; histograms become cumulative {@code _bucket{le}} series plus
 * {@code _sum} and {@code _count} (exponential ones with the bucket bounds {@code base^(index+1)}, negative and zero
 * observations in the lowest bucket); summaries {@code {quantile}} series plus {@code _sum} and {@code _count}. Labels:
 * the point's attributes plus {@code service} and {@code job} (resource service.name) and {@code instance}
 * (service.instance.id). Delta sums and histograms go to {@link OpsIngest#deltas()}.
 */
final class MetricConversion {
    private MetricConversion() {
    }

    /** Samples of the request; a point without a time gets {@code nowMs}. */
    static OpsIngest convert(ExportMetricsServiceRequest request, long nowMs) {
        List<OpsSamples> cumulative = new ArrayList<>();
        List<OpsSamples> deltas = new ArrayList<>();
        for (ResourceMetrics rm : request.getResourceMetricsList()) {
            Map<String, String> resource = resourceLabels(rm.getResource().getAttributesList());
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                for (Metric m : sm.getMetricsList()) {
                    new Points(m, resource, nowMs, cumulative, deltas).convert();
                }
            }
        }
        return new OpsIngest(cumulative, deltas);
    }

    static Map<String, String> resourceLabels(List<KeyValue> attributes) {
        Map<String, String> labels = new TreeMap<>();
        String service = null;
        String namespace = null;
        for (KeyValue kv : attributes) {
            switch (kv.getKey()) {
                case "service.name" -> service = AttributeValues.value(kv.getValue()) + "";
                case "service.namespace" -> namespace = AttributeValues.value(kv.getValue()) + "";
                case "service.instance.id" -> labels.put("instance", AttributeValues.value(kv.getValue()) + "");
                default -> {
                }
            }
        }
        if (service != null) {
            labels.put("service", service);
            labels.put("job", namespace == null ? service : namespace + "/" + service);
        }
        return labels;
    }

    /** The points of one metric. */
    private record Points(Metric metric, Map<String, String> resource, long nowMs, List<OpsSamples> cumulative,
            List<OpsSamples> deltas) {

        void convert() {
            String name = OpsNames.metric(metric.getName());
            switch (metric.getDataCase()) {
                case GAUGE -> metric.getGauge().getDataPointsList().forEach(p -> number(name, p, false));
                case SUM -> {
                    boolean monotonic = metric.getSum().getIsMonotonic();
                    boolean delta = metric.getSum()
                            .getAggregationTemporality() == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
                    String n = monotonic && !name.endsWith("_total") ? name + "_total" : name;
                    metric.getSum().getDataPointsList().forEach(p -> number(n, p, delta));
                }
                case HISTOGRAM -> {
                    boolean delta = metric.getHistogram()
                            .getAggregationTemporality() == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
                    metric.getHistogram().getDataPointsList().forEach(p -> histogram(name, p, delta));
                }
                case EXPONENTIAL_HISTOGRAM -> {
                    boolean delta = metric.getExponentialHistogram()
                            .getAggregationTemporality() == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
                    metric.getExponentialHistogram().getDataPointsList().forEach(p -> exponential(name, p, delta));
                }
                case SUMMARY -> metric.getSummary().getDataPointsList().forEach(p -> summary(name, p));
                default -> {
                }
            }
        }

        private Map<String, String> labels(List<KeyValue> attributes) {
            Map<String, String> labels = new TreeMap<>(resource);
            for (KeyValue kv : attributes) {
                Object v = AttributeValues.value(kv.getValue());
                labels.put(OpsNames.label(kv.getKey()), v == null ? "" : String.valueOf(v));
            }
            return labels;
        }

        private long time(long unixNano) {
            return unixNano == 0 ? nowMs : unixNano / 1_000_000;
        }

        private void add(String name, Map<String, String> labels, long t, double v, boolean delta) {
            (delta ? deltas : cumulative).add(OpsSamples.one(OpsSeries.of(name, labels), t, v));
        }

        private void number(String name, NumberDataPoint p, boolean delta) {
            double v = p.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? p.getAsInt() : p.getAsDouble();
            add(name, labels(p.getAttributesList()), time(p.getTimeUnixNano()), v, delta);
        }

        private void histogram(String name, HistogramDataPoint p, boolean delta) {
            Map<String, String> labels = labels(p.getAttributesList());
            long t = time(p.getTimeUnixNano());
            long cumulativeCount = 0;
            for (int i = 0; i < p.getBucketCountsCount(); i++) {
                cumulativeCount += p.getBucketCounts(i);
                double bound = i < p.getExplicitBoundsCount() ? p.getExplicitBounds(i) : Double.POSITIVE_INFINITY;
                bucket(name, labels, bound, t, cumulativeCount, delta);
            }
            if (p.getBucketCountsCount() <= p.getExplicitBoundsCount()) {
                bucket(name, labels, Double.POSITIVE_INFINITY, t, p.getCount(), delta);
            }
            add(name + "_count", labels, t, p.getCount(), delta);
            if (p.hasSum()) {
                add(name + "_sum", labels, t, p.getSum(), delta);
            }
        }

        private void bucket(String name, Map<String, String> labels, double le, long t, double count, boolean delta) {
            Map<String, String> l = new TreeMap<>(labels);
            l.put("le", formatLe(le));
            add(name + "_bucket", l, t, count, delta);
        }

        private void exponential(String name, ExponentialHistogramDataPoint p, boolean delta) {
            Map<String, String> labels = labels(p.getAttributesList());
            long t = time(p.getTimeUnixNano());
            double base = Math.pow(2, Math.pow(2, -p.getScale()));
            long below = p.getZeroCount();
            for (long c : p.getNegative().getBucketCountsList()) {
                below += c;
            }
            bucket(name, labels, 0, t, below, delta);
            long running = below;
            ExponentialHistogramDataPoint.Buckets pos = p.getPositive();
            for (int i = 0; i < pos.getBucketCountsCount(); i++) {
                running += pos.getBucketCounts(i);
                bucket(name, labels, Math.pow(base, pos.getOffset() + i + 1.0), t, running, delta);
            }
            bucket(name, labels, Double.POSITIVE_INFINITY, t, p.getCount(), delta);
            add(name + "_count", labels, t, p.getCount(), delta);
            if (p.hasSum()) {
                add(name + "_sum", labels, t, p.getSum(), delta);
            }
        }

        private void summary(String name, SummaryDataPoint p) {
            Map<String, String> labels = labels(p.getAttributesList());
            long t = time(p.getTimeUnixNano());
            for (SummaryDataPoint.ValueAtQuantile q : p.getQuantileValuesList()) {
                Map<String, String> l = new TreeMap<>(labels);
                l.put("quantile", formatLe(q.getQuantile()));
                add(name, l, t, q.getValue(), false);
            }
            add(name + "_count", labels, t, p.getCount(), false);
            add(name + "_sum", labels, t, p.getSum(), false);
        }
    }

    /**
     * A bucket bound as Prometheus writes it: {@code +Inf}, {@code 0.005}, {@code 1} (not 1.0), or 6 significant
     * digits.
     */
    static String formatLe(double le) {
        if (le == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (le == Math.rint(le) && Math.abs(le) < 1e15) {
            return Long.toString((long) le);
        }
        String s = Double.toString(le);
        return s.length() > 12
                ? String.format(java.util.Locale.ROOT, "%.6g", le).replaceAll("0+$", "").replaceAll("\\.$", "")
                        .replaceAll("0+e", "e")
                : s;
    }
}
