package dev.observatory.server.mlflow;

import dev.observatory.model.MetricColumns;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.io.NumberInput;

/**
 * The log-batch body the MLflow clients send, read straight from its bytes (decision 0039): {@code run_id} and a
 * {@code metrics} array of objects with {@code key} (plain ASCII), {@code value} (a JSON number), {@code timestamp} and
 * optionally {@code step} (an integer or a string of digits), each at most once, JSON whitespace anywhere. Anything
 * else (another field, an escape, a non-ASCII byte, NaN, a missing field, a key the checks refuse, more metrics than
 * the limit, malformed JSON) makes {@link #read} answer null, and the body is read by {@link LogBatchBody}'s Jackson
 * path, which gives the errors: so what this path accepts it reads to exactly the values that path reads.
 */
final class LogBatchFastPath {

    private final byte[] b;
    private final int end;
    private int i;
    private final char[] digits = new char[64];
    String runId;
    int metricCount;
    final Map<String, MetricColumns.Builder> columns = new LinkedHashMap<>();
    private String lastKey;
    private int lastKeyFrom;
    private int lastKeyLength;
    private MetricColumns.Builder lastColumns;
    // the field being read (one metric)
    private long number;
    /** Whether the last number token was an integer (then parsed into number). */
    private boolean integralToken;
    private int strFrom;
    private int strLength;

    private LogBatchFastPath(byte[] body, int length) {
        this.b = body;
        this.end = length;
    }

    /** The body read, or null when it is not of the plain shape above (then the general reader decides). */
    static LogBatchFastPath read(byte[] body, int length, int storeLimit) {
        LogBatchFastPath f = new LogBatchFastPath(body, length);
        try {
            return f.object(storeLimit) ? f : null;
        } catch (MlflowException e) {
            return null; // a key the checks refuse: the general reader reports it in its order
        }
    }

    private boolean object(int storeLimit) {
        if (!skip('{')) {
            return false;
        }
        boolean metrics = false;
        do {
            if (!string()) {
                return false;
            }
            if (!skip(':')) {
                return false;
            }
            if (is("run_id") && runId == null) {
                if (!string()) {
                    return false;
                }
                runId = new String(b, strFrom, strLength, StandardCharsets.ISO_8859_1);
            } else if (is("metrics") && !metrics) {
                metrics = true;
                if (!metrics(storeLimit)) {
                    return false;
                }
            } else {
                return false;
            }
        } while (skip(','));
        if (!skip('}')) {
            return false;
        }
        ws();
        return metrics && i == end;
    }

    private boolean metrics(int storeLimit) {
        if (!skip('[')) {
            return false;
        }
        if (skip(']')) {
            return true;
        }
        do {
            if (++metricCount > storeLimit || !metric()) {
                return false;
            }
        } while (skip(','));
        return skip(']');
    }

    /** One metric object; false unless key, value and timestamp are there once each (step optional, 0). */
    private boolean metric() {
        if (!skip('{')) {
            return false;
        }
        int seen = 0;
        int keyFrom = 0;
        int keyLength = 0;
        double value = 0;
        long ts = 0;
        long step = 0;
        do {
            if (!string() || !skip(':')) {
                return false;
            }
            int field = is("key") ? 1 : is("value") ? 2 : is("timestamp") ? 4 : is("step") ? 8 : 0;
            if (field == 0 || (seen & field) != 0) {
                return false;
            }
            seen |= field;
            if (field == 1) {
                if (!string()) {
                    return false;
                }
                keyFrom = strFrom;
                keyLength = strLength;
            } else if (field == 2) {
                ws();
                int from = i;
                if (!numberToken()) {
                    return false;
                }
                value = integralToken ? (double) number : NumberInput.parseDouble(digits, 0, i - from, true);
            } else if (!int64()) {
                return false;
            } else if (field == 4) {
                ts = number;
            } else {
                step = number;
            }
        } while (skip(','));
        if (!skip('}') || (seen & 7) != 7) {
            return false;
        }
        columnsOf(keyFrom, keyLength).add(step, value, ts);
        return true;
    }

    /** The columns of the key at {@code b[from..from+length)}; a new key is checked as the general reader checks it. */
    private MetricColumns.Builder columnsOf(int from, int length) {
        if (lastKey != null && length == lastKeyLength
                && java.util.Arrays.equals(b, from, from + length, b, lastKeyFrom, lastKeyFrom + length)) {
            return lastColumns;
        }
        String key = new String(b, from, length, StandardCharsets.ISO_8859_1);
        MlflowRequest.checkText("metrics.key", key);
        MlflowLimits.checkName("Metric", key);
        lastKey = key;
        lastKeyFrom = from;
        lastKeyLength = length;
        lastColumns = columns.computeIfAbsent(key, k -> new MetricColumns.Builder(16));
        return lastColumns;
    }

    /** A JSON string of printable ASCII without escapes: its bytes at strFrom/strLength. */
    private boolean string() {
        ws();
        if (i >= end || b[i] != '"') {
            return false;
        }
        int from = ++i;
        while (i < end) {
            byte c = b[i];
            if (c == '"') {
                strFrom = from;
                strLength = i - from;
                i++;
                return true;
            }
            if (c < 0x20 || c > 0x7E || c == '\\') {
                return false;
            }
            i++;
        }
        return false;
    }

    /** Whether the last string read is {@code s} (ASCII). */
    private boolean is(String s) {
        if (strLength != s.length()) {
            return false;
        }
        for (int k = 0; k < strLength; k++) {
            if (b[strFrom + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** An int64 as the general reader's fast case reads it: an integer, or a string of 1-18 digits; into number. */
    private boolean int64() {
        ws();
        if (i < end && b[i] == '"') {
            if (!string() || strLength == 0 || strLength > 18) {
                return false;
            }
            long v = 0;
            for (int k = strFrom; k < strFrom + strLength; k++) {
                if (b[k] < '0' || b[k] > '9') {
                    return false;
                }
                v = v * 10 + (b[k] - '0');
            }
            number = v;
            return true;
        }
        return numberToken() && integralToken;
    }

    /**
     * A JSON number (strict grammar: no leading zeros, no NaN) copied into {@code digits}; an integer of at most 18
     * digits is also parsed into {@code number}.
     */
    private boolean numberToken() {
        int from = i;
        if (i < end && b[i] == '-') {
            i++;
        }
        int intFrom = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        int intDigits = i - intFrom;
        if (intDigits == 0 || (intDigits > 1 && b[intFrom] == '0')) {
            return false;
        }
        boolean integral = true;
        if (i < end && b[i] == '.') {
            integral = false;
            int f = ++i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == f) {
                return false;
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            integral = false;
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int e = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == e) {
                return false;
            }
        }
        int length = i - from;
        if (length > digits.length || (integral && intDigits > 18)) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            digits[k] = (char) b[from + k];
        }
        if (integral) {
            long v = 0;
            for (int k = intFrom; k < i; k++) {
                v = v * 10 + (b[k] - '0');
            }
            number = b[from] == '-' ? -v : v;
        }
        integralToken = integral;
        return true;
    }

    private void ws() {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            i++;
        }
    }

    /** Skips whitespace and then {@code c} when it is next; false (nothing skipped but whitespace) otherwise. */
    private boolean skip(char c) {
        ws();
        if (i < end && b[i] == c) {
            i++;
            return true;
        }
        return false;
    }
}
