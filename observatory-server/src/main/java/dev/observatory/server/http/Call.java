package dev.observatory.server.http;

import dev.observatory.core.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/** One routed REST request: path placeholders, query parameters, the caller and helpers to answer in JSON. */
final class Call {
    private final HttpServletRequest req;
    private final HttpServletResponse resp;
    private final Map<String, String> pathParams;
    private QueryParams query;

    /** Writes a JSON document. */
    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator g);
    }

    Call(HttpServletRequest req, HttpServletResponse resp, Map<String, String> pathParams) {
        this.req = req;
        this.resp = resp;
        this.pathParams = pathParams;
    }

    HttpServletRequest request() {
        return req;
    }

    /** A decoded path placeholder. */
    String path(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no placeholder {" + name + "}");
        }
        return v;
    }

    QueryParams query() {
        if (query == null) {
            query = new QueryParams(req.getQueryString());
        }
        return query;
    }

    /** The caller, as authenticated by the request filter. */
    Actor actor() {
        Object a = req.getAttribute(HttpServer.ACTOR_ATTRIBUTE);
        return a instanceof Actor actor ? actor : Actor.http("anonymous", "rest", false);
    }

    InputStream body() throws IOException {
        return req.getInputStream();
    }

    /** The body as a JSON object; 400 when it is empty or not an object. */
    JsonNode jsonObject() throws IOException {
        JsonNode n = jsonOrNull();
        if (n == null) {
            throw HttpError.badRequest("the request body must be a JSON object, got an empty body");
        }
        return n;
    }

    /** The body as a JSON object, or null when the body is empty. */
    JsonNode jsonOrNull() throws IOException {
        JsonNode n = Json.MAPPER.readTree(body());
        if (n == null || n.isMissingNode()) {
            return null;
        }
        if (!n.isObject()) {
            throw HttpError.badRequest("the request body must be a JSON object, got " + Bodies.typeOf(n));
        }
        return n;
    }

    HttpServletResponse response() {
        return resp;
    }

    void header(String name, String value) {
        resp.setHeader(name, value);
    }

    /** Answers with a JSON document. */
    void json(int status, JsonBody body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        OutputStream out = resp.getOutputStream();
        try (JsonGenerator g = Json.generator(out)) {
            body.write(g);
        }
    }

    /** Answers with raw bytes of the given content type. */
    void bytes(int status, String contentType, byte[] body) throws IOException {
        resp.setStatus(status);
        resp.setContentType(contentType);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
