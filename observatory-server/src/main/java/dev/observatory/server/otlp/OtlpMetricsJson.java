package dev.observatory.server.otlp;

import static dev.observatory.server.otlp.OtlpJson.array;
import static dev.observatory.server.otlp.OtlpJson.dbl;
import static dev.observatory.server.otlp.OtlpJson.field;
import static dev.observatory.server.otlp.OtlpJson.int64;
import static dev.observatory.server.otlp.OtlpJson.keyValue;
import static dev.observatory.server.otlp.OtlpJson.string;
import static dev.observatory.server.otlp.OtlpJson.uint64;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OTLP/JSON metrics into the protobuf builders (the same rules as {@link OtlpJson}: lowerCamelCase or proto names,
 * 64-bit integers as strings or numbers, enums as numbers or names, unknown fields ignored; exemplars are skipped).
 */
final class OtlpMetricsJson {
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder().build()).build();

    private OtlpMetricsJson() {
    }

    static ExportMetricsServiceRequest metrics(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (RuntimeException e) {
            throw new OtlpDecodeException("the body is not valid JSON: " + OtlpJson.firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new OtlpDecodeException("the body must be a JSON object with resourceMetrics");
        }
        ExportMetricsServiceRequest.Builder b = ExportMetricsServiceRequest.newBuilder();
        for (JsonNode rm : array(root, "resourceMetrics", "resource_metrics")) {
            ResourceMetrics.Builder r = ResourceMetrics.newBuilder();
            JsonNode resource = field(rm, "resource", "resource");
            if (resource != null) {
                Resource.Builder res = Resource.newBuilder();
                array(resource, "attributes", "attributes").forEach(a -> res.addAttributes(keyValue(a)));
                r.setResource(res);
            }
            for (JsonNode sm : array(rm, "scopeMetrics", "scope_metrics")) {
                r.addScopeMetrics(scopeMetrics(sm));
            }
            b.addResourceMetrics(r);
        }
        return b.build();
    }

    private static ScopeMetrics scopeMetrics(JsonNode n) {
        ScopeMetrics.Builder b = ScopeMetrics.newBuilder();
        JsonNode scope = field(n, "scope", "scope");
        if (scope != null) {
            b.setScope(InstrumentationScope.newBuilder().setName(string(scope, "name", "name"))
                    .setVersion(string(scope, "version", "version")));
        }
        for (JsonNode m : array(n, "metrics", "metrics")) {
            b.addMetrics(metric(m));
        }
        return b.build();
    }

    private static Metric metric(JsonNode n) {
        Metric.Builder b = Metric.newBuilder().setName(string(n, "name", "name"))
                .setDescription(string(n, "description", "description")).setUnit(string(n, "unit", "unit"));
        JsonNode v;
        if ((v = field(n, "gauge", "gauge")) != null) {
            Gauge.Builder g = Gauge.newBuilder();
            array(v, "dataPoints", "data_points").forEach(p -> g.addDataPoints(number(p)));
            b.setGauge(g);
        } else if ((v = field(n, "sum", "sum")) != null) {
            Sum.Builder s = Sum.newBuilder().setAggregationTemporalityValue(temporality(v));
            JsonNode mono = field(v, "isMonotonic", "is_monotonic");
            s.setIsMonotonic(mono != null && mono.asBoolean());
            array(v, "dataPoints", "data_points").forEach(p -> s.addDataPoints(number(p)));
            b.setSum(s);
        } else if ((v = field(n, "histogram", "histogram")) != null) {
            Histogram.Builder h = Histogram.newBuilder().setAggregationTemporalityValue(temporality(v));
            array(v, "dataPoints", "data_points").forEach(p -> h.addDataPoints(histogram(p)));
            b.setHistogram(h);
        } else if ((v = field(n, "exponentialHistogram", "exponential_histogram")) != null) {
            ExponentialHistogram.Builder h = ExponentialHistogram.newBuilder()
                    .setAggregationTemporalityValue(temporality(v));
            array(v, "dataPoints", "data_points").forEach(p -> h.addDataPoints(exponential(p)));
            b.setExponentialHistogram(h);
        } else if ((v = field(n, "summary", "summary")) != null) {
            Summary.Builder s = Summary.newBuilder();
            array(v, "dataPoints", "data_points").forEach(p -> s.addDataPoints(summary(p)));
            b.setSummary(s);
        }
        return b.build();
    }

    private static int temporality(JsonNode n) {
        JsonNode v = field(n, "aggregationTemporality", "aggregation_temporality");
        if (v == null) {
            return 0;
        }
        if (v.isString()) {
            return switch (v.stringValue()) {
                case "AGGREGATION_TEMPORALITY_DELTA" -> 1;
                case "AGGREGATION_TEMPORALITY_CUMULATIVE" -> 2;
                default -> (int) int64(v, "aggregationTemporality");
            };
        }
        return (int) int64(v, "aggregationTemporality");
    }

    private static NumberDataPoint number(JsonNode p) {
        NumberDataPoint.Builder b = NumberDataPoint.newBuilder()
                .setStartTimeUnixNano(uint64(p, "startTimeUnixNano", "start_time_unix_nano"))
                .setTimeUnixNano(uint64(p, "timeUnixNano", "time_unix_nano"));
        array(p, "attributes", "attributes").forEach(a -> b.addAttributes(keyValue(a)));
        JsonNode d = field(p, "asDouble", "as_double");
        JsonNode i = field(p, "asInt", "as_int");
        if (d != null) {
            b.setAsDouble(dbl(d));
        } else if (i != null) {
            b.setAsInt(int64(i, "asInt"));
        }
        return b.build();
    }

    private static HistogramDataPoint histogram(JsonNode p) {
        HistogramDataPoint.Builder b = HistogramDataPoint.newBuilder()
                .setTimeUnixNano(uint64(p, "timeUnixNano", "time_unix_nano")).setCount(uint64(p, "count", "count"));
        array(p, "attributes", "attributes").forEach(a -> b.addAttributes(keyValue(a)));
        JsonNode sum = field(p, "sum", "sum");
        if (sum != null) {
            b.setSum(dbl(sum));
        }
        array(p, "bucketCounts", "bucket_counts").forEach(c -> b.addBucketCounts(int64(c, "bucketCounts")));
        array(p, "explicitBounds", "explicit_bounds").forEach(c -> b.addExplicitBounds(dbl(c)));
        return b.build();
    }

    private static ExponentialHistogramDataPoint exponential(JsonNode p) {
        ExponentialHistogramDataPoint.Builder b = ExponentialHistogramDataPoint.newBuilder()
                .setTimeUnixNano(uint64(p, "timeUnixNano", "time_unix_nano")).setCount(uint64(p, "count", "count"))
                .setZeroCount(uint64(p, "zeroCount", "zero_count"));
        array(p, "attributes", "attributes").forEach(a -> b.addAttributes(keyValue(a)));
        JsonNode sum = field(p, "sum", "sum");
        if (sum != null) {
            b.setSum(dbl(sum));
        }
        JsonNode scale = field(p, "scale", "scale");
        b.setScale(scale == null ? 0 : (int) int64(scale, "scale"));
        JsonNode pos = field(p, "positive", "positive");
        if (pos != null) {
            b.setPositive(buckets(pos));
        }
        JsonNode neg = field(p, "negative", "negative");
        if (neg != null) {
            b.setNegative(buckets(neg));
        }
        return b.build();
    }

    private static ExponentialHistogramDataPoint.Buckets buckets(JsonNode n) {
        ExponentialHistogramDataPoint.Buckets.Builder b = ExponentialHistogramDataPoint.Buckets.newBuilder();
        JsonNode offset = field(n, "offset", "offset");
        b.setOffset(offset == null ? 0 : (int) int64(offset, "offset"));
        array(n, "bucketCounts", "bucket_counts").forEach(c -> b.addBucketCounts(int64(c, "bucketCounts")));
        return b.build();
    }

    private static SummaryDataPoint summary(JsonNode p) {
        SummaryDataPoint.Builder b = SummaryDataPoint.newBuilder()
                .setTimeUnixNano(uint64(p, "timeUnixNano", "time_unix_nano")).setCount(uint64(p, "count", "count"));
        array(p, "attributes", "attributes").forEach(a -> b.addAttributes(keyValue(a)));
        JsonNode sum = field(p, "sum", "sum");
        if (sum != null) {
            b.setSum(dbl(sum));
        }
        for (JsonNode q : array(p, "quantileValues", "quantile_values")) {
            JsonNode quantile = field(q, "quantile", "quantile");
            JsonNode value = field(q, "value", "value");
            b.addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder()
                    .setQuantile(quantile == null ? 0 : dbl(quantile)).setValue(value == null ? 0 : dbl(value)));
        }
        return b.build();
    }
}
