package dev.observatory.server.http;

import dev.observatory.core.InvalidCursorException;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

/**
 * The one place where exceptions become HTTP error responses. Every error body has the shape
 * {@code {"error":{"code":"...","message":"..."}}} (plus {@code request_id} for internal errors); a stack trace never
 * leaves the server.
 */
final class ApiErrors {

    /** An error response: HTTP status, stable machine-readable code and a message that says what to fix. */
    record ApiError(int status, String code, String message) {
    }

    private ApiErrors() {
    }

    /** Maps an exception to its response; {@code null} for an unexpected failure (500, to be logged by the caller). */
    static ApiError map(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PayloadTooLargeException p) {
                return new ApiError(413, "PAYLOAD_TOO_LARGE", p.getMessage());
            }
            if (c instanceof TimeoutException) {
                return new ApiError(408, "REQUEST_TIMEOUT", "the request body did not arrive in time");
            }
        }
        return switch (t) {
            case HttpError e -> new ApiError(e.status(), e.code(), e.getMessage());
            case InvalidCursorException e -> new ApiError(400, "INVALID_CURSOR", e.getMessage());
            case IllegalArgumentException e -> new ApiError(400, "INVALID_ARGUMENT", e.getMessage());
            case NotFoundException e -> new ApiError(404, "NOT_FOUND", e.getMessage());
            case ConflictException e -> new ApiError(409, "CONFLICT", e.getMessage());
            case ReadOnlyException e -> new ApiError(403, "READ_ONLY", e.getMessage());
            case StreamReadException e -> new ApiError(400, "MALFORMED_JSON", malformed(e));
            case DatabindException e -> new ApiError(400, "MALFORMED_JSON", malformed(e));
            default -> null;
        };
    }

    /** True for failures of the connection itself (client went away), which are neither answered nor logged. */
    static boolean isClientGone(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.eclipse.jetty.io.EofException) {
                return true;
            }
        }
        return false;
    }

    private static String malformed(tools.jackson.core.JacksonException e) {
        StringBuilder sb = new StringBuilder("malformed JSON");
        TokenStreamLocation loc = e.getLocation();
        if (loc != null && loc != TokenStreamLocation.NA && loc.getLineNr() > 0) {
            sb.append(" at line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr());
        }
        String field = e.getPath().isEmpty() ? null : e.getPathReference();
        if (field == null && e.processor() instanceof JsonParser p) {
            field = path(p.streamReadContext());
        }
        if (field != null && !field.isEmpty()) {
            sb.append(" (at ").append(field).append(')');
        }
        String why = e.getOriginalMessage();
        if (why != null) {
            int nl = why.indexOf('\n');
            sb.append(": ").append(nl < 0 ? why : why.substring(0, nl));
        }
        return sb.toString();
    }

    /** A dotted path such as {@code metrics.loss.steps[3]} to where the parser stopped. */
    static String path(TokenStreamContext ctx) {
        java.util.ArrayDeque<TokenStreamContext> chain = new java.util.ArrayDeque<>();
        for (TokenStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        StringBuilder sb = new StringBuilder();
        for (TokenStreamContext c : chain) {
            if (c.inArray()) {
                sb.append('[').append(Math.max(c.getCurrentIndex(), 0)).append(']');
            } else if (c.currentName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(c.currentName());
            }
        }
        return sb.toString();
    }

    /** Default code for a bare HTTP status (Jetty's own errors, sendError from servlets). */
    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 408 -> "REQUEST_TIMEOUT";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 431 -> "HEADERS_TOO_LARGE";
            case 500 -> "INTERNAL";
            case 503 -> "UNAVAILABLE";
            case 504 -> "TIMEOUT";
            default -> "HTTP_" + status;
        };
    }

    /** The JSON error body. */
    static byte[] body(String code, String message, String requestId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeName("error");
            g.writeStartObject();
            g.writeStringProperty("code", code);
            g.writeStringProperty("message", message == null ? code : message);
            if (requestId != null) {
                g.writeStringProperty("request_id", requestId);
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Writes an error response unless the response is already committed. */
    static void write(HttpServletResponse resp, ApiError e, String requestId) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        resp.setStatus(e.status());
        if (e.status() == 401) {
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"observatory\"");
        }
        byte[] body = body(e.code(), e.message(), e.status() >= 500 ? requestId : null);
        resp.setContentType("application/json");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** The body of an internal error: the request id to quote, never the exception. */
    static ApiError internal(String requestId) {
        return new ApiError(500, "INTERNAL",
                "internal error; the server log has the details under request id " + requestId);
    }
}
