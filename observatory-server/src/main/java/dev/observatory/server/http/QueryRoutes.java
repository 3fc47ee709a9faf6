package dev.observatory.server.http;

import dev.observatory.core.Tracking;
import dev.observatory.core.query.SchemaDescription;
import dev.observatory.core.query.SqlQueries;
import dev.observatory.model.query.SqlColumn;
import dev.observatory.model.query.SqlResult;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Read-only SQL over the tracking tables: {@code POST /api/v1/query} runs one SELECT (the same checks, sandbox and
 * limits as the MCP tool run_sql_query), {@code GET /api/v1/query/schema} lists what may be queried.
 */
final class QueryRoutes {
    private final Tracking tracking;

    QueryRoutes(Tracking tracking) {
        this.tracking = tracking;
    }

    void register(Router r) {
        r.add("POST", "/api/v1/query", this::query);
        r.add("GET", "/api/v1/query/schema", this::schema);
    }

    private void query(Call call) throws IOException {
        JsonNode body = call.jsonObject();
        Bodies.allowOnly(body, Set.of("sql", "max_rows", "timeout_seconds"));
        String sql = Bodies.requiredString(body, "sql");
        Integer maxRows = null;
        JsonNode rows = body.get("max_rows");
        if (rows != null && !rows.isNull()) {
            if (!rows.isIntegralNumber()) {
                throw HttpError.badRequest("field 'max_rows' must be an integer, got " + Bodies.typeOf(rows));
            }
            maxRows = rows.asInt();
        }
        Double timeout = null;
        JsonNode t = body.get("timeout_seconds");
        if (t != null && !t.isNull()) {
            if (!t.isNumber()) {
                throw HttpError.badRequest("field 'timeout_seconds' must be a number, got " + Bodies.typeOf(t));
            }
            timeout = t.asDouble();
        }
        SqlResult r = new SqlQueries(tracking).run(sql, maxRows, timeout);
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> columns = new ArrayList<>();
        for (SqlColumn c : r.columns()) {
            columns.add(Map.of("name", c.name(), "type", c.type()));
        }
        out.put("columns", columns);
        out.put("rows", r.rows().stream().map(row -> row.stream().map(QueryRoutes::readable).toList()).toList());
        out.put("row_count", r.rows().size());
        out.put("truncated", r.truncated());
        out.put("elapsed_ms", r.elapsedMillis());
        call.json(200, g -> Json.value(g, out));
    }

    private void schema(Call call) throws IOException {
        SchemaDescription d = new SqlQueries(tracking).describe();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backend", d.backend());
        out.put("sandbox", d.sandbox());
        out.put("limits", Map.of("default_max_rows", d.defaultMaxRows(), "max_rows", d.maxRows(), "timeout_seconds",
                d.timeoutMillis() / 1000.0));
        out.put("rules", d.rules());
        out.put("tables",
                d.tables().stream()
                        .map(tb -> Map.of("name", tb.name(), "meaning", tb.meaning(), "columns", tb.columns().stream()
                                .map(c -> Map.of("name", c.name(), "type", c.type(), "meaning", c.meaning())).toList()))
                        .toList());
        out.put("examples", d.examples().stream().map(e -> Map.of("question", e.question(), "sql", e.sql())).toList());
        call.json(200, g -> Json.value(g, out));
    }

    private static Object readable(Object v) {
        if (v instanceof Instant || v instanceof LocalDate) {
            return v.toString();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(QueryRoutes::readable).toList();
        }
        return v;
    }
}
