package dev.observatory.server.http;

import dev.observatory.core.Tracking;
import dev.observatory.model.LogLine;
import dev.observatory.store.LogQuery;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Run log lines: append and read (tail, grep, minimum level, stream, paging backwards with before_seq). */
final class LogRoutes {
    private static final Set<String> LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG");
    private final Tracking tracking;
    private final RequestMetrics metrics;

    LogRoutes(Tracking tracking, RequestMetrics metrics) {
        this.tracking = tracking;
        this.metrics = metrics;
    }

    void register(Router r) {
        r.add("POST", "/api/v1/runs/{id}/logs", this::append);
        r.add("GET", "/api/v1/runs/{id}/logs", this::read);
    }

    private void append(Call call) throws IOException {
        JsonNode body = call.jsonObject();
        Bodies.allowOnly(body, Set.of("lines"));
        JsonNode lines = body.get("lines");
        if (lines == null || !lines.isArray()) {
            throw HttpError.badRequest(
                    "field 'lines' must be an array of {text, stream, level, timestamp}, got " + Bodies.typeOf(lines));
        }
        Instant now = tracking.clock().instant();
        List<LogLine> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            String where = "lines[" + i + "]";
            if (!l.isObject()) {
                throw HttpError.badRequest(
                        where + " must be an object {text, stream, level, timestamp}, got " + Bodies.typeOf(l));
            }
            try {
                Bodies.allowOnly(l, Set.of("text", "stream", "level", "timestamp"));
                String stream = Bodies.string(l, "stream");
                Instant at = Bodies.instant(l, "timestamp");
                out.add(new LogLine(null, 0, at == null ? now : at, stream == null ? "stdout" : stream,
                        level(Bodies.string(l, "level")), Bodies.requiredString(l, "text")));
            } catch (HttpError e) {
                throw HttpError.badRequest(where + ": " + e.getMessage());
            }
        }
        String runId = call.path("id");
        tracking.logLines(call.actor(), runId, out);
        metrics.logLines(out.size());
        call.json(200, g -> {
            g.writeStartObject();
            g.writeNumberProperty("accepted", out.size());
            g.writeEndObject();
        });
    }

    private static String level(String level) {
        if (level == null) {
            return null;
        }
        String l = level.trim().toUpperCase(Locale.ROOT);
        l = l.equals("WARNING") ? "WARN" : l;
        if (!LEVELS.contains(l)) {
            throw HttpError.badRequest("field 'level' must be one of ERROR, WARN, INFO, DEBUG, got '" + level + "'");
        }
        return l;
    }

    private void read(Call call) throws IOException {
        QueryParams q = call.query();
        q.expect(Set.of("tail", "grep", "level", "stream", "before_seq"));
        int tail = q.intValue("tail", 200, 1, 10_000);
        Long before = q.longValue("before_seq");
        String runId = call.path("id");
        List<LogLine> lines = tracking.logs(runId, new LogQuery(q.get("grep"), q.get("level"), q.get("stream"),
                before == null ? Long.MAX_VALUE : before, tail));
        Long next = lines.size() == tail && !lines.isEmpty() ? lines.get(0).seq() : null;
        call.json(200, g -> {
            g.writeStartObject();
            g.writeStringProperty("run_id", runId);
            g.writeName("lines");
            g.writeStartArray();
            lines.forEach(l -> Wire.logLine(g, l));
            g.writeEndArray();
            g.writeName("next_before_seq");
            if (next == null) {
                g.writeNull();
            } else {
                g.writeNumber(next);
            }
            g.writeEndObject();
        });
    }
}
