package dev.observatory.server.http;

import dev.observatory.core.SearchHit;
import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.model.AuditEvent;
import dev.observatory.store.Health;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Health, Prometheus metrics, the OpenAPI document, search and the audit log. */
final class ServiceRoutes {
    static final String OPENAPI_RESOURCE = "openapi.json";
    private final Tracking tracking;
    private final Meters meters;
    private final String version;
    private final byte[] openApi;

    ServiceRoutes(Tracking tracking, Meters meters, String version) {
        this.tracking = tracking;
        this.meters = meters;
        this.version = version;
        this.openApi = openApiDocument();
    }

    static byte[] openApiDocument() {
        try (InputStream in = ServiceRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(Router r) {
        r.add("GET", "/health", this::health);
        r.add("GET", "/metrics", call -> call.bytes(200, "text/plain; version=0.0.4; charset=utf-8",
                meters.renderPrometheus().getBytes(StandardCharsets.UTF_8)));
        r.add("GET", "/api/v1/openapi.json", call -> call.bytes(200, "application/json", openApi));
        r.add("GET", "/api/v1/search", this::search);
        r.add("GET", "/api/v1/audit", this::audit);
    }

    private void health(Call call) throws IOException {
        Health h = tracking.store().check();
        String kind = tracking.store().kind();
        call.json(h.ok() ? 200 : 503, g -> {
            g.writeStartObject();
            g.writeStringProperty("status", h.ok() ? "ok" : "unavailable");
            g.writeName("store");
            g.writeStartObject();
            g.writeStringProperty("kind", kind);
            g.writeBooleanProperty("ok", h.ok());
            g.writeEndObject();
            g.writeStringProperty("version", version);
            g.writeBooleanProperty("read_only", tracking.readOnly());
            g.writeEndObject();
        });
    }

    private void search(Call call) throws IOException {
        QueryParams q = call.query();
        q.expect(Set.of("q", "limit"));
        String text = q.get("q");
        if (text == null) {
            throw HttpError.badRequest("query parameter 'q' is required: the text to look for in names and tags");
        }
        List<SearchHit> hits = tracking.search(text, q.intValue("limit", 50, 1, 500));
        call.json(200, g -> {
            g.writeStartObject();
            g.writeName("hits");
            g.writeStartArray();
            hits.forEach(h -> Wire.searchHit(g, h));
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private void audit(Call call) throws IOException {
        QueryParams q = call.query();
        q.expect(Set.of("limit", "before_id"));
        int limit = q.intValue("limit", 100, 1, 1000);
        Long before = q.longValue("before_id");
        List<AuditEvent> events = tracking.store().audit().list(before == null ? Long.MAX_VALUE : before, limit);
        Long next = events.size() == limit ? events.get(events.size() - 1).id() : null;
        call.json(200, g -> {
            g.writeStartObject();
            g.writeName("events");
            g.writeStartArray();
            events.forEach(e -> Wire.audit(g, e));
            g.writeEndArray();
            g.writeName("next_before_id");
            if (next == null) {
                g.writeNull();
            } else {
                g.writeNumber(next);
            }
            g.writeEndObject();
        });
    }
}
