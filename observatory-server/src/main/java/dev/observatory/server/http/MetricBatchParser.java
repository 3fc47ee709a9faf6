package dev.observatory.server.http;

import dev.observatory.model.MetricColumns;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Parses a metric batch with Jackson's streaming parser straight into primitive columns: no tree and no object per
 * point, so parsing keeps up with the store's ingest rate. Two shapes, which may be combined:
 *
 * <pre>
 * {"run_id": "...", "metrics": {"loss": {"steps": [1, 2], "values": [0.9, "NaN"], "timestamps": [1700000000000, ...]}}}
 * {"points": [{"key": "loss", "step": 1, "value": 0.9, "timestamp": "2025-01-31T12:00:00Z"}]}
 * </pre>
 *
 * Steps are integers (they may repeat or go backwards: stored as sent). Values are numbers or the strings (or bare
 * tokens) NaN, Infinity, -Infinity. Timestamps are epoch milliseconds or ISO-8601 strings; absent means now.
 */
final class MetricBatchParser {
    /** A parsed batch; {@code runId} is null when the body did not name one. */
    record Batch(String runId, Map<String, MetricColumns> columns, long points) {
    }

    private final JsonParser p;
    private final long nowMs;
    private final int maxPoints;
    private final Map<String, ColumnBuilder> keys = new LinkedHashMap<>();
    private long steps;
    private long values;
    private String runId;

    private MetricBatchParser(JsonParser p, long nowMs, int maxPoints) {
        this.p = p;
        this.nowMs = nowMs;
        this.maxPoints = maxPoints;
    }

    static Batch parse(InputStream in, long nowMs, int maxPoints) {
        try (JsonParser p = Json.parser(in)) {
            return new MetricBatchParser(p, nowMs, maxPoints).batch();
        }
    }

    private Batch batch() {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            throw bad("the request body must be a JSON object with \"metrics\" (columnar) or \"points\" (rows)");
        }
        boolean any = false;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            switch (name) {
                case "run_id" -> runId = string("run_id");
                case "metrics" -> {
                    columns();
                    any = true;
                }
                case "points" -> {
                    rows();
                    any = true;
                }
                default -> throw bad("unknown field '" + name + "': valid fields are run_id, metrics, points");
            }
        }
        if (p.nextToken() != null) {
            throw bad("unexpected content after the JSON object");
        }
        if (!any) {
            throw bad("the batch has no points: send \"metrics\" (columnar) or \"points\" (rows)");
        }
        Map<String, MetricColumns> out = new LinkedHashMap<>();
        keys.forEach((k, c) -> out.put(k, c.build()));
        return new Batch(runId, out, steps);
    }

    private void columns() {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw bad("field 'metrics' must be an object of metric key -> {steps, values, timestamps}, got "
                    + tokenType(p.currentToken()));
        }
        for (String key = p.nextName(); key != null; key = p.nextName()) {
            ColumnBuilder c = keys.computeIfAbsent(key, k -> new ColumnBuilder());
            int before = c.steps.size;
            String where = "metrics." + key;
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad("'" + where + "' must be an object {steps, values, timestamps}, got "
                        + tokenType(p.currentToken()));
            }
            boolean hasSteps = false;
            boolean hasValues = false;
            boolean hasTimestamps = false;
            for (String f = p.nextName(); f != null; f = p.nextName()) {
                switch (f) {
                    case "steps" -> hasSteps = readSteps(c, where);
                    case "values" -> hasValues = readValues(c, where);
                    case "timestamps" -> hasTimestamps = readTimestamps(c, where);
                    default -> throw bad("unknown field '" + where + "." + f + "': a metric has steps, values and"
                            + " (optional) timestamps");
                }
            }
            int n = c.steps.size - before;
            if (!hasSteps || !hasValues) {
                throw bad("metric '" + key + "' needs both \"steps\" and \"values\"");
            }
            if (c.values.size - before != n) {
                throw bad("metric '" + key + "': steps has " + n + " entries but values has " + (c.values.size - before)
                        + ": every column needs one entry per point");
            }
            if (hasTimestamps && c.timestamps.size - before != n) {
                throw bad("metric '" + key + "': steps has " + n + " entries but timestamps has "
                        + (c.timestamps.size - before) + ": every column needs one entry per point");
            }
            if (!hasTimestamps) {
                for (int i = 0; i < n; i++) {
                    c.timestamps.add(nowMs);
                }
            }
        }
    }

    private void expectArray(String where, String field) {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            throw bad("'" + where + "." + field + "' must be an array, got " + tokenType(p.currentToken()));
        }
    }

    private boolean readSteps(ColumnBuilder c, String where) {
        expectArray(where, "steps");
        int i = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
            c.steps.add(step(t, where, ".steps[", i));
            if (++steps > maxPoints) {
                throw tooMany();
            }
        }
        return true;
    }

    private boolean readValues(ColumnBuilder c, String where) {
        expectArray(where, "values");
        int i = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
            c.values.add(value(t, where, ".values[", i));
            if (++values > maxPoints) {
                throw tooMany();
            }
        }
        return true;
    }

    private boolean readTimestamps(ColumnBuilder c, String where) {
        expectArray(where, "timestamps");
        int i = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
            c.timestamps.add(timestamp(t, where, ".timestamps[", i));
            if (c.timestamps.size > maxPoints) {
                throw tooMany();
            }
        }
        return true;
    }

    private void rows() {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            throw bad("field 'points' must be an array of {key, step, value, timestamp}, got "
                    + tokenType(p.currentToken()));
        }
        int i = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
            if (t != JsonToken.START_OBJECT) {
                throw bad("points[" + i + "] must be an object {key, step, value, timestamp}, got " + tokenType(t));
            }
            row(i);
            if (++steps > maxPoints) {
                throw tooMany();
            }
        }
    }

    private void row(int i) {
        String key = null;
        long step = 0;
        double value = 0;
        long ts = nowMs;
        boolean hasStep = false;
        boolean hasValue = false;
        for (String f = p.nextName(); f != null; f = p.nextName()) {
            JsonToken t = p.nextToken();
            switch (f) {
                case "key" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        throw bad("points[" + i + "].key must be a string, got " + tokenType(t));
                    }
                    key = p.getString();
                }
                case "step" -> {
                    step = step(t, "points[" + i + "]", ".step", -1);
                    hasStep = true;
                }
                case "value" -> {
                    value = value(t, "points[" + i + "]", ".value", -1);
                    hasValue = true;
                }
                case "timestamp" -> ts = timestamp(t, "points[" + i + "]", ".timestamp", -1);
                default -> throw bad("unknown field 'points[" + i + "]." + f + "': a point has key, step, value and"
                        + " (optional) timestamp");
            }
        }
        if (key == null || !hasStep || !hasValue) {
            throw bad("points[" + i + "] needs key, step and value");
        }
        ColumnBuilder c = keys.computeIfAbsent(key, k -> new ColumnBuilder());
        c.steps.add(step);
        c.values.add(value);
        c.timestamps.add(ts);
    }

    private long step(JsonToken t, String where, String field, int i) {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.0e18) {
                return (long) d;
            }
        }
        throw bad(where + field + index(i) + " must be an integer step, got " + describe(t));
    }

    private double value(JsonToken t, String where, String field, int i) {
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            Double d = Json.parseNonFinite(p.getString());
            if (d != null) {
                return d;
            }
        }
        throw bad(where + field + index(i) + " must be a number (or \"NaN\", \"Infinity\", \"-Infinity\"), got "
                + describe(t));
    }

    private long timestamp(JsonToken t, String where, String field, int i) {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT && Double.isFinite(p.getDoubleValue())) {
            return (long) p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Instant.parse(p.getString()).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                // fall through to the error below
            }
        }
        throw bad(
                where + field + index(i) + " must be epoch milliseconds or an ISO-8601 timestamp, got " + describe(t));
    }

    private String string(String field) {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_STRING) {
            throw bad("field '" + field + "' must be a string, got " + tokenType(t));
        }
        return p.getString();
    }

    private static String index(int i) {
        return i < 0 ? "" : i + "]";
    }

    private String describe(JsonToken t) {
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getString();
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        return tokenType(t);
    }

    private static String tokenType(JsonToken t) {
        if (t == null) {
            return "the end of the body";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    private HttpError tooMany() {
        return bad("a batch may carry at most " + maxPoints + " points: split it into several requests");
    }

    private static HttpError bad(String message) {
        return HttpError.badRequest(message);
    }
}
