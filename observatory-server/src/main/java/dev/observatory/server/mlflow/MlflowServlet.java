package dev.observatory.server.mlflow;

import dev.observatory.core.InvalidCursorException;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.model.ApiKey;
import dev.observatory.server.http.HttpServer;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.StoreException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;

/**
 * MLflow's REST API ({@code /api/2.0/mlflow/*} and {@code /ajax-api/2.0/mlflow/*}): routes "METHOD endpoint" to a
 * handler, checks the write scope, and answers every failure with MLflow's error body, never a stack trace.
 */
final class MlflowServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MlflowServlet.class);

    /** One endpoint: reads the request, writes the answer. */
    @FunctionalInterface
    interface Handler {
        void handle(MlflowRequest req, Reply reply) throws IOException;
    }

    private record Route(Handler handler, boolean writes, boolean streams) {
        Route(Handler handler, boolean writes) {
            this(handler, writes, false);
        }
    }

    private final transient Map<String, Route> routes = new HashMap<>();

    void get(String endpoint, Handler h) {
        routes.put("GET " + endpoint, new Route(h, false));
    }

    void post(String endpoint, Handler h) {
        routes.put("POST " + endpoint, new Route(h, true));
    }

    /** A POST that writes and reads its body itself ({@link MlflowRequest#input}). */
    void postStreaming(String endpoint, Handler h) {
        routes.put("POST " + endpoint, new Route(h, true, true));
    }

    /** A POST that only reads (searches). */
    void postRead(String endpoint, Handler h) {
        routes.put("POST " + endpoint, new Route(h, false));
    }

    void patch(String endpoint, Handler h) {
        routes.put("PATCH " + endpoint, new Route(h, true));
    }

    void delete(String endpoint, Handler h) {
        routes.put("DELETE " + endpoint, new Route(h, true));
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Reply reply = new Reply(resp);
        try {
            String path = req.getPathInfo() == null ? "" : req.getPathInfo();
            String endpoint = path.startsWith("/") ? path.substring(1) : path;
            Route route = routes.get(req.getMethod() + " " + endpoint);
            if (route == null) {
                throw new MlflowException("ENDPOINT_NOT_FOUND", 404, unknown(req.getMethod(), endpoint));
            }
            if (route.writes()) {
                checkWriteScope(req);
            }
            route.handler().handle(new MlflowRequest(req, !route.streams()), reply);
            reply.finish();
        } catch (RuntimeException e) {
            fail(req, resp, e);
        }
    }

    private String unknown(String method, String endpoint) {
        boolean other = routes.keySet().stream().anyMatch(k -> k.endsWith(" " + endpoint));
        if (other) {
            return "Method " + method + " is not allowed for endpoint '" + endpoint + "'";
        }
        if (endpoint.startsWith("artifacts") || endpoint.contains("mlflow-artifacts")) {
            return "No MLflow API endpoint '" + endpoint + "': list a run's artifacts with GET artifacts/list, and"
                    + " upload, download or delete them through /api/2.0/mlflow-artifacts/artifacts/<experiment>/<run>"
                    + "/artifacts/<path>";
        }
        return "No MLflow API endpoint '" + endpoint + "' in this Observatory server";
    }

    @SuppressWarnings("unchecked")
    static void checkWriteScope(HttpServletRequest req) {
        Object scopes = req.getAttribute(HttpServer.SCOPES_ATTRIBUTE);
        if (scopes instanceof Set<?> s && !((Set<ApiKey.Scope>) s).contains(ApiKey.Scope.WRITE)) {
            throw new MlflowException("PERMISSION_DENIED", 403,
                    "the API key lacks the write scope needed for " + req.getMethod() + " " + req.getRequestURI());
        }
    }

    /** Answers a failure with MLflow's error body (a 500 without details for an unexpected one, logged). */
    static void fail(HttpServletRequest req, HttpServletResponse resp, RuntimeException e) throws IOException {
        MlflowException m = map(e);
        if (m == null) {
            Object id = req.getAttribute(HttpServer.REQUEST_ID_ATTRIBUTE);
            LOG.error("MLflow API {} {} failed (request id {})", req.getMethod(), req.getRequestURI(), id, e);
            m = new MlflowException("INTERNAL_ERROR", 500, "internal error (request id " + id + ")");
        }
        if (resp.isCommitted()) {
            LOG.debug("cannot send {} for {}: the response has begun", m.code(), req.getRequestURI());
            return;
        }
        resp.reset();
        resp.setStatus(m.status());
        resp.setContentType("application/json");
        try (OutputStream out = resp.getOutputStream();
                JsonGenerator g = MlflowJson.generator(out)) {
            g.writeStartObject();
            g.writeStringProperty("error_code", m.code());
            g.writeStringProperty("message", m.getMessage() == null ? m.code() : m.getMessage());
            g.writeEndObject();
        }
    }

    static MlflowException map(Throwable e) {
        if (e instanceof MlflowException m) {
            return m;
        }
        if (e instanceof NotFoundException) {
            return MlflowException.notFound(e.getMessage());
        }
        if (e instanceof ConflictException) {
            return MlflowException.exists(e.getMessage());
        }
        if (e instanceof ReadOnlyException) {
            return new MlflowException("PERMISSION_DENIED", 403, e.getMessage());
        }
        if (e instanceof InvalidCursorException || e instanceof IllegalArgumentException) {
            return MlflowException.invalid(e.getMessage());
        }
        if (e instanceof StoreException) {
            return new MlflowException("TEMPORARILY_UNAVAILABLE", 503, e.getMessage());
        }
        return null;
    }

    /** The answer of one call: a JSON object written as it is produced. */
    static final class Reply {
        private final HttpServletResponse resp;
        private static final byte[] EMPTY = { '{', '}' };
        private JsonGenerator gen;
        private boolean done;

        Reply(HttpServletResponse resp) {
            this.resp = resp;
        }

        /** Starts a 200 JSON answer; the caller writes one object (start and end included). */
        JsonGenerator json() throws IOException {
            if (gen == null) {
                resp.setStatus(200);
                resp.setContentType("application/json");
                gen = MlflowJson.generator(resp.getOutputStream());
            }
            return gen;
        }

        /** Answers {@code {}} (written as bytes: no generator for the commonest answer). */
        void empty() throws IOException {
            if (gen != null) {
                gen.writeStartObject();
                gen.writeEndObject();
                return;
            }
            resp.setStatus(200);
            resp.setContentType("application/json");
            resp.setContentLength(EMPTY.length);
            resp.getOutputStream().write(EMPTY);
            done = true;
        }

        boolean started() {
            return gen != null || done;
        }

        void finish() throws IOException {
            if (done) {
                return;
            }
            if (gen == null) {
                empty();
                return;
            }
            gen.close();
        }
    }
}
