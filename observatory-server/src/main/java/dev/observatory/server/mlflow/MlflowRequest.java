package dev.observatory.server.mlflow;

import dev.observatory.core.Actor;
import dev.observatory.server.http.HttpServer;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One MLflow API call's parameters: GET takes them from the query string, other methods from the JSON body (query
 * parameters serve as a fallback). Strings are checked for broken UTF-16 (lone surrogates, e.g. from a {@code \ud800}
 * escape), which cannot be stored as UTF-8.
 */
final class MlflowRequest {
    private final HttpServletRequest http;
    private JsonNode body;

    MlflowRequest(HttpServletRequest http) {
        this(http, true);
    }

    /** A request whose body is left unread when {@code readBody} is false (see {@link #input} and {@link #useBody}). */
    MlflowRequest(HttpServletRequest http, boolean readBody) {
        this.http = http;
        if (!readBody || http.getMethod().equals("GET")) {
            this.body = null;
        } else {
            try {
                this.body = MlflowJson.readObject(http.getInputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The body as a stream, for an endpoint that reads it itself. */
    InputStream input() {
        try {
            return http.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body's declared length (Content-Length), -1 when it declared none. */
    long contentLength() {
        return http.getContentLengthLong();
    }

    /** The body's fields as read by the endpoint itself (the parameters the accessors below see). */
    void useBody(JsonNode fields) {
        this.body = fields;
    }

    Actor actor() {
        Object a = http.getAttribute(HttpServer.ACTOR_ATTRIBUTE);
        return a instanceof Actor actor ? new Actor(actor.name(), "mlflow", actor.productionScope())
                : Actor.anonymous("mlflow");
    }

    JsonNode node(String name) {
        if (body == null) {
            return null;
        }
        JsonNode v = body.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** A string parameter or null; numbers and booleans in the body are taken as their text. */
    String string(String name) {
        JsonNode v = node(name);
        String s;
        if (v != null) {
            if (v.isContainer()) {
                throw MlflowException
                        .invalid("Invalid value " + v + " for parameter '" + name + "' supplied: expected a string");
            }
            s = v.isString() ? v.stringValue() : v.asString();
        } else {
            s = http.getParameter(name);
        }
        return s == null ? null : checkText(name, s);
    }

    String required(String name) {
        String s = string(name);
        if (s == null || s.isEmpty()) {
            throw missing(name);
        }
        return s;
    }

    static MlflowException missing(String name) {
        return MlflowException.invalid("Missing value for required parameter '" + name
                + "'. See the API docs for more information about request parameters.");
    }

    /** The run id from run_id, else the deprecated run_uuid. */
    String runId() {
        String id = string("run_id");
        if (id == null || id.isEmpty()) {
            id = string("run_uuid");
        }
        if (id == null || id.isEmpty()) {
            throw missing("run_id");
        }
        return id;
    }

    Long longValue(String name) {
        JsonNode v = node(name);
        if (v != null) {
            return MlflowJson.toLong(v, name);
        }
        String s = http.getParameter(name);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw MlflowException
                    .invalid("Invalid value '" + s + "' for parameter '" + name + "' supplied: expected an integer");
        }
    }

    /** A repeated string parameter: a JSON array in the body, else repeated query parameters. */
    List<String> strings(String name) {
        JsonNode v = node(name);
        List<String> out = new ArrayList<>();
        if (v != null) {
            if (!v.isArray()) {
                out.add(string(name));
                return out;
            }
            for (JsonNode e : v.values()) {
                if (e.isContainer() || e.isNull()) {
                    throw MlflowException.invalid("Invalid value " + v + " for parameter '" + name
                            + "' supplied: expected a list of strings");
                }
                out.add(checkText(name, e.isString() ? e.stringValue() : e.asString()));
            }
            return out;
        }
        String[] values = http.getParameterValues(name);
        if (values != null) {
            Arrays.stream(values).forEach(s -> out.add(checkText(name, s)));
        }
        return out;
    }

    /** Refuses text that is not valid Unicode (a lone surrogate). */
    static String checkText(String field, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1));
                if (!paired) {
                    throw MlflowException.invalid("Invalid value for parameter '" + field
                            + "': not valid UTF-8 text (lone surrogate at index " + i + ")");
                }
                i++;
            }
        }
        return s;
    }
}
