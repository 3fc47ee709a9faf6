package dev.observatory.server.http;

import dev.observatory.core.MetricHistory;
import dev.observatory.core.ProjectInfo;
import dev.observatory.core.RunRow;
import dev.observatory.core.SearchHit;
import dev.observatory.model.AuditEvent;
import dev.observatory.model.LogLine;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Project;
import dev.observatory.model.Run;
import dev.observatory.model.SeriesBucket;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * The REST wire format of domain records, written field by field so that the JSON (snake_case, ISO-8601 UTC, NaN as
 * strings) is pinned here and not derived from Java names. Append fields only; never rename.
 */
final class Wire {
    private Wire() {
    }

    static void project(JsonGenerator g, ProjectInfo p) {
        g.writeStartObject();
        g.writeStringProperty("name", p.name());
        Json.stringOrNull(g, "description", p.description());
        Json.instant(g, "created_at", p.createdAt());
        g.writeNumberProperty("run_count", p.runCount());
        g.writeEndObject();
    }

    static void project(JsonGenerator g, Project p) {
        project(g, new ProjectInfo(p.name(), p.description(), p.createdAt(), 0));
    }

    static void run(JsonGenerator g, Run r) {
        g.writeStartObject();
        runFields(g, r);
        g.writeEndObject();
    }

    private static void runFields(JsonGenerator g, Run r) {
        g.writeStringProperty("id", r.id());
        g.writeStringProperty("project", r.project());
        g.writeStringProperty("name", r.name());
        g.writeStringProperty("status", r.status().wire());
        Json.stringOrNull(g, "user", r.user());
        g.writeName("tags");
        g.writeStartArray();
        for (String t : r.tags()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeName("params");
        Json.value(g, r.params());
        Json.stringOrNull(g, "notes", r.notes());
        Json.instant(g, "created_at", r.createdAt());
        Json.instant(g, "started_at", r.startedAt());
        Json.instant(g, "ended_at", r.endedAt());
        Json.instant(g, "heartbeat_at", r.heartbeatAt());
        Json.stringOrNull(g, "git_commit", r.gitCommit());
        Json.stringOrNull(g, "host", r.host());
    }

    /** A runs-table row: the run's fields plus {@code metrics}: key -> summary of the requested keys. */
    static void runRow(JsonGenerator g, RunRow row) {
        g.writeStartObject();
        runFields(g, row.run());
        g.writeName("metrics");
        g.writeStartObject();
        for (Map.Entry<String, MetricSummary> e : row.metrics().entrySet()) {
            g.writeName(e.getKey());
            summary(g, e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    static void summary(JsonGenerator g, MetricSummary s) {
        g.writeStartObject();
        g.writeStringProperty("key", s.key());
        g.writeNumberProperty("count", s.count());
        g.writeNumberProperty("nan_count", s.nanCount());
        g.writeNumberProperty("first_step", s.firstStep());
        g.writeName("first");
        Json.number(g, s.first());
        g.writeNumberProperty("last_step", s.lastStep());
        g.writeName("last");
        Json.number(g, s.last());
        g.writeName("last_timestamp");
        Json.epochMillis(g, s.lastTimestampMs());
        g.writeName("min");
        Json.number(g, s.min());
        g.writeNumberProperty("arg_min_step", s.argMinStep());
        g.writeName("max");
        Json.number(g, s.max());
        g.writeNumberProperty("arg_max_step", s.argMaxStep());
        g.writeEndObject();
    }

    /**
     * A chart: {@code points} is the polyline to draw (columnar steps/values: every point, or per M4 bucket its first,
     * min, max and last point in step order), {@code buckets} the M4 buckets when downsampled.
     */
    static void history(JsonGenerator g, MetricHistory h) {
        g.writeStartObject();
        g.writeStringProperty("run_id", h.runId());
        g.writeStringProperty("key", h.key());
        g.writeNumberProperty("from_step", h.fromStep());
        g.writeNumberProperty("to_step", h.toStep());
        g.writeBooleanProperty("downsampled", h.downsampled());
        g.writeName("summary");
        summary(g, h.summary());
        Polyline line = Polyline.of(h.buckets());
        g.writeName("points");
        g.writeStartObject();
        g.writeName("steps");
        g.writeArray(line.steps(), 0, line.size());
        g.writeName("values");
        doubles(g, line.values(), line.size());
        g.writeEndObject();
        if (h.downsampled()) {
            g.writeName("buckets");
            g.writeStartArray();
            for (SeriesBucket b : h.buckets()) {
                bucket(g, b);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void bucket(JsonGenerator g, SeriesBucket b) {
        g.writeStartObject();
        g.writeNumberProperty("first_step", b.firstStep());
        g.writeName("first");
        Json.number(g, b.first());
        g.writeNumberProperty("last_step", b.lastStep());
        g.writeName("last");
        Json.number(g, b.last());
        g.writeNumberProperty("min_step", b.minStep());
        g.writeName("min");
        Json.number(g, b.min());
        g.writeNumberProperty("max_step", b.maxStep());
        g.writeName("max");
        Json.number(g, b.max());
        g.writeNumberProperty("count", b.count());
        g.writeNumberProperty("nan_count", b.nanCount());
        g.writeEndObject();
    }

    /** Raw points, columnar like the ingest format, timestamps as ISO-8601. */
    static void points(JsonGenerator g, List<MetricPoint> points) {
        g.writeStartObject();
        g.writeName("steps");
        g.writeStartArray();
        for (MetricPoint p : points) {
            g.writeNumber(p.step());
        }
        g.writeEndArray();
        g.writeName("values");
        g.writeStartArray();
        for (MetricPoint p : points) {
            Json.number(g, p.value());
        }
        g.writeEndArray();
        g.writeName("timestamps");
        g.writeStartArray();
        for (MetricPoint p : points) {
            Json.epochMillis(g, p.timestampMs());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void doubles(JsonGenerator g, double[] values, int n) {
        g.writeStartArray();
        for (int i = 0; i < n; i++) {
            Json.number(g, values[i]);
        }
        g.writeEndArray();
    }

    static void logLine(JsonGenerator g, LogLine l) {
        g.writeStartObject();
        g.writeNumberProperty("seq", l.seq());
        Json.instant(g, "timestamp", l.at());
        Json.stringOrNull(g, "stream", l.stream());
        Json.stringOrNull(g, "level", l.level());
        g.writeStringProperty("text", l.text());
        g.writeEndObject();
    }

    static void searchHit(JsonGenerator g, SearchHit h) {
        g.writeStartObject();
        g.writeStringProperty("kind", h.kind());
        g.writeStringProperty("id", h.id());
        g.writeStringProperty("name", h.name());
        Json.stringOrNull(g, "project", h.project());
        g.writeStringProperty("matched", h.matched());
        g.writeEndObject();
    }

    static void audit(JsonGenerator g, AuditEvent e) {
        g.writeStartObject();
        g.writeNumberProperty("id", e.id());
        Json.instant(g, "at", e.at());
        g.writeStringProperty("actor", e.actor());
        g.writeStringProperty("surface", e.surface());
        g.writeStringProperty("action", e.action());
        Json.stringOrNull(g, "target", e.target());
        Json.stringOrNull(g, "detail", e.detail());
        g.writeEndObject();
    }
}
