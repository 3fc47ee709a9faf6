package dev.observatory.server.mlflow;

import dev.observatory.model.MetricColumns;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of runs/log-batch read in one streaming pass: the metrics go straight into per-key columns, every other
 * field (run_id, params, tags, ...) becomes a small JSON tree. Validation is deferred and replayed in the order of the
 * tree-based reading ({@link MetricEndpoints#columns(JsonNode)}), so errors and their messages are the same; a
 * non-scalar or unusual field value is read as a tree node and checked by the same code as before.
 */
final class LogBatchBody {
    /** Bodies up to this size are read whole and tried on {@link LogBatchFastPath} first (1,000 metrics: ~116 KB). */
    private static final int FAST_PATH_MAX_BYTES = 1 << 20;
    /** {@code -Dobservatory.mlflow.streamedLogBatch=true}: the Jackson reading only (the previous path, for A/B). */
    private static final boolean FAST_PATH = !Boolean.getBoolean("observatory.mlflow.streamedLogBatch");
    private static final ObjectReader SUBTREE = MlflowJson.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Every top-level field but a streamed {@code metrics} array. */
    final ObjectNode rest = MlflowJson.MAPPER.createObjectNode();
    /** The number of metrics in the streamed array (its size). */
    int metricCount;
    /** The first invalid metric, reported after the batch limits like the tree-based reading does. */
    MlflowException firstError;
    private final int storeLimit;
    private final Map<String, MetricColumns.Builder> columns = new LinkedHashMap<>();
    /** The key of the previous metric once checked (a batch mostly repeats one key: its name is checked once). */
    private String lastValidKey;
    private String lastKey;
    private MetricColumns.Builder lastColumns;
    /** The value {@link #fastLong} read. */
    private long fastValue;

    private LogBatchBody(int storeLimit) {
        this.storeLimit = storeLimit;
    }

    /**
     * The body's first {@code FAST_PATH_MAX_BYTES + 1} bytes (all of it when shorter): in one array of the declared
     * length when there is one (no chunks to join), else as {@link InputStream#readNBytes(int)} reads them.
     */
    static byte[] head(InputStream in, long declaredLength) throws IOException {
        if (declaredLength < 0 || declaredLength > FAST_PATH_MAX_BYTES) {
            return in.readNBytes(FAST_PATH_MAX_BYTES + 1);
        }
        byte[] body = new byte[(int) declaredLength];
        int n = in.readNBytes(body, 0, body.length);
        if (n < body.length) {
            return Arrays.copyOf(body, n);
        }
        int next = in.read();
        if (next < 0) {
            return body;
        }
        byte[] rest = in.readNBytes(FAST_PATH_MAX_BYTES - body.length);
        byte[] all = Arrays.copyOf(body, body.length + 1 + rest.length);
        all[body.length] = (byte) next;
        System.arraycopy(rest, 0, all, body.length + 1, rest.length);
        return all;
    }

    /** True when metrics came as a streamed array (else {@code rest} holds whatever was sent, if anything). */
    boolean streamed;

    /**
     * Reads a body. Metrics beyond {@code storeLimit} are counted but neither kept nor checked (the batch is refused).
     * Malformed JSON is MALFORMED_REQUEST, as for any other endpoint.
     */
    static LogBatchBody read(InputStream in, int storeLimit) {
        return read(in, -1, storeLimit, FAST_PATH);
    }

    /**
     * As {@link #read(InputStream, int)} for a body that declared its length (Content-Length; -1: none): a declared
     * body up to the fast path's size is read into one array of that size.
     */
    static LogBatchBody read(InputStream in, long declaredLength, int storeLimit) {
        return read(in, declaredLength, storeLimit, FAST_PATH);
    }

    /** As {@link #read(InputStream, int)}; {@code fastPath} false: always the Jackson reading (tests, A/B). */
    static LogBatchBody read(InputStream in, int storeLimit, boolean fastPath) {
        return read(in, -1, storeLimit, fastPath);
    }

    private static LogBatchBody read(InputStream in, long declaredLength, int storeLimit, boolean fastPath) {
        LogBatchBody b = new LogBatchBody(storeLimit);
        byte[] head;
        try {
            head = head(in, declaredLength);
        } catch (IOException e) {
            throw MlflowJson.malformed(new UncheckedIOException(e));
        }
        boolean whole = head.length <= FAST_PATH_MAX_BYTES;
        LogBatchFastPath fast = whole && fastPath ? LogBatchFastPath.read(head, head.length, storeLimit) : null;
        if (fast != null) {
            b.streamed = true;
            b.metricCount = fast.metricCount;
            b.columns.putAll(fast.columns);
            if (fast.runId != null) {
                b.rest.put("run_id", fast.runId);
            }
            return b;
        }
        InputStream body = whole ? new ByteArrayInputStream(head)
                : new SequenceInputStream(new ByteArrayInputStream(head), in);
        try (JsonParser p = MlflowJson.FACTORY.createParser(ObjectReadContext.empty(), body)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return b;
            }
            if (t == JsonToken.VALUE_NULL) {
                MlflowJson.requireEnd(p);
                return b;
            }
            if (t != JsonToken.START_OBJECT) {
                tree(p);
                MlflowJson.requireEnd(p);
                throw new MlflowException("MALFORMED_REQUEST", 400, "the request body must be a JSON object");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("metrics") && v == JsonToken.START_ARRAY) {
                    b.rest.remove("metrics");
                    b.columns.clear();
                    b.lastKey = null;
                    b.metricCount = 0;
                    b.firstError = null;
                    b.streamed = true;
                    b.readMetrics(p);
                } else {
                    if (name.equals("metrics")) {
                        b.streamed = false;
                    }
                    b.rest.set(name, tree(p));
                }
            }
            MlflowJson.requireEnd(p);
        } catch (MlflowException e) {
            throw e;
        } catch (RuntimeException e) {
            throw MlflowJson.malformed(e);
        }
        return b;
    }

    private void readMetrics(JsonParser p) {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            metricCount++;
            if (metricCount > storeLimit || firstError != null) {
                p.skipChildren();
                continue;
            }
            try {
                if (t == JsonToken.START_OBJECT) {
                    readMetric(p);
                } else {
                    add(tree(p));
                }
            } catch (MlflowException e) {
                firstError = e;
                p.skipChildren();
            }
        }
    }

    /** One metric object, its fields in any order, checked as the tree-based reading checks them. */
    private void readMetric(JsonParser p) {
        String key = null;
        JsonNode keyNode = null;
        double value = 0;
        JsonNode valueNode = null;
        boolean hasValue = false;
        long ts = 0;
        JsonNode tsNode = null;
        boolean hasTs = false;
        long step = 0;
        JsonNode stepNode = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "key" -> {
                    key = t != JsonToken.VALUE_STRING ? null : sameText(p, lastKey) ? lastKey : p.getString();
                    keyNode = key == null ? tree(p) : null;
                }
                case "value" -> {
                    boolean fast = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
                    value = fast ? p.getDoubleValue() : 0;
                    valueNode = fast ? null : tree(p);
                    hasValue = fast || !valueNode.isNull();
                }
                case "timestamp" -> {
                    boolean fast = fastLong(p, t);
                    ts = fast ? fastValue : 0;
                    tsNode = fast ? null : tree(p);
                    hasTs = fast || !tsNode.isNull();
                }
                case "step" -> {
                    boolean fast = fastLong(p, t);
                    step = fast ? fastValue : 0;
                    stepNode = fast ? null : tree(p);
                }
                default -> p.skipChildren();
            }
        }
        if (keyNode != null) {
            key = MetricEndpoints.key(keyNode);
        }
        if (key == null || !key.equals(lastValidKey)) {
            if (key != null && keyNode == null) {
                MlflowRequest.checkText("metrics.key", key);
            }
            MlflowLimits.checkName("Metric", key);
            lastValidKey = key;
        }
        if (!hasValue) {
            throw MlflowRequest.missing("metrics.value");
        }
        if (!hasTs) {
            throw MlflowRequest.missing("metrics.timestamp");
        }
        if (stepNode != null) {
            step = stepNode.isNull() ? 0 : MlflowJson.toLong(stepNode, "metrics.step");
        }
        if (tsNode != null) {
            ts = MlflowJson.toLong(tsNode, "metrics.timestamp");
        }
        if (valueNode != null) {
            value = MlflowJson.toDouble(valueNode, "metrics.value");
        }
        MetricColumns.Builder c = key.equals(lastKey) ? lastColumns
                : columns.computeIfAbsent(key, k -> new MetricColumns.Builder(16));
        c.add(step, value, ts);
        lastKey = key;
        lastColumns = c;
    }

    /** A metric that is not an object: checked by the tree-based code (which names what is missing). */
    private void add(JsonNode m) {
        MetricEndpoints.Point pt = MetricEndpoints.point(m);
        columns.computeIfAbsent(pt.key(), k -> new MetricColumns.Builder(16)).add(pt.step(), pt.value(),
                pt.timestamp());
    }

    /** The value at the parser's current token as a tree (the parser is left on its last token). */
    private static JsonNode tree(JsonParser p) {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return JsonNodeFactory.instance.stringNode(p.getString());
        }
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return NullNode.getInstance();
        }
        JsonNode n = SUBTREE.readTree(p);
        return n == null ? NullNode.getInstance() : n;
    }

    /**
     * Reads an int64 without a tree into {@link #fastValue}: a JSON integer or a string of one (protobuf's mapping),
     * the string's digits read from the parser's buffer (no String made); false otherwise.
     */
    private boolean fastLong(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType n = p.getNumberType();
            if (n == JsonParser.NumberType.INT || n == JsonParser.NumberType.LONG) {
                fastValue = p.getLongValue();
                return true;
            }
            return false;
        }
        if (t == JsonToken.VALUE_STRING) {
            char[] text = p.getStringCharacters();
            int from = p.getStringOffset();
            int len = p.getStringLength();
            if (len == 0 || len > 18) {
                return false;
            }
            long v = 0;
            for (int i = from; i < from + len; i++) {
                char c = text[i];
                if (c < '0' || c > '9') {
                    return false;
                }
                v = v * 10 + (c - '0');
            }
            fastValue = v;
            return true;
        }
        return false;
    }

    /**
     * Whether the parser's current string equals {@code s} (compared in its buffer: a repeated key makes no String).
     */
    private static boolean sameText(JsonParser p, String s) {
        if (s == null || p.getStringLength() != s.length()) {
            return false;
        }
        char[] text = p.getStringCharacters();
        int from = p.getStringOffset();
        for (int i = 0; i < s.length(); i++) {
            if (text[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The streamed metrics grouped per key into columns, in first-seen key order. */
    Map<String, MetricColumns> batch() {
        Map<String, MetricColumns> out = new LinkedHashMap<>();
        columns.forEach((k, c) -> out.put(k, c.build()));
        return out;
    }
}
