package dev.observatory.server.mlflow;

import dev.observatory.model.MetricColumns;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    /**
     * The layout of the last metric read field by field (decision 0044): its value tokens' kinds in order and where its
     * literal bytes (whitespace, punctuation, field names) lie in the body; a metric laid out alike is read by
     * comparing those bytes at once and scanning only its values. {@code layoutTokens} 0: none yet.
     */
    private int layoutTokens;
    private final int[] layoutKind = new int[4];
    private final int[] literalFrom = new int[5];
    private final int[] literalLength = new int[5];
    private final int[] tokenFrom = new int[4];
    private final int[] tokenEnd = new int[4];
    private static final int KEY = 1;
    private static final int VALUE = 2;
    private static final int TIMESTAMP = 4;
    /** Added to a timestamp's or step's kind when it was a string of digits. */
    private static final int QUOTED = 16;

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
        ws();
        int start = i;
        if (layoutTokens > 0) {
            if (laidOutMetric()) {
                return true;
            }
            i = start;
        }
        if (!skip('{')) {
            return false;
        }
        int fields = 0;
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
            ws();
            int kind = field;
            tokenFrom[fields] = i;
            if (field == 1) {
                if (!string()) {
                    return false;
                }
                keyFrom = strFrom;
                keyLength = strLength;
                tokenFrom[fields] = strFrom;
                tokenEnd[fields] = strFrom + strLength;
            } else if (field == 2) {
                int from = i;
                if (!numberToken()) {
                    return false;
                }
                value = integralToken ? (double) number : NumberInput.parseDouble(digits, 0, i - from, true);
                tokenEnd[fields] = i;
            } else {
                boolean quoted = i < end && b[i] == '"';
                if (!int64()) {
                    return false;
                }
                kind |= quoted ? QUOTED : 0;
                tokenFrom[fields] = quoted ? strFrom : tokenFrom[fields];
                tokenEnd[fields] = quoted ? strFrom + strLength : i;
                if (field == 4) {
                    ts = number;
                } else {
                    step = number;
                }
            }
            layoutKind[fields++] = kind;
        } while (skip(','));
        if (!skip('}') || (seen & 7) != 7) {
            return false;
        }
        columnsOf(keyFrom, keyLength).add(step, value, ts);
        learnLayout(start, fields);
        return true;
    }

    /** Keeps where the literal bytes of the metric just read lie (between its value tokens). */
    private void learnLayout(int start, int fields) {
        int at = start;
        for (int k = 0; k < fields; k++) {
            literalFrom[k] = at;
            literalLength[k] = tokenFrom[k] - at;
            at = tokenEnd[k];
        }
        literalFrom[fields] = at;
        literalLength[fields] = i - at;
        layoutTokens = fields;
    }

    /**
     * A metric with the learnt layout: the same literal bytes, values scanned as the field by field reading scans them
     * (a string of digits here ends at its closing quote, which the next literal holds). False, with nothing added,
     * when it differs in any byte outside its values: the field by field reading then decides.
     */
    private boolean laidOutMetric() {
        int keyFrom = 0;
        int keyLength = 0;
        double value = 0;
        long ts = 0;
        long step = 0;
        for (int k = 0; k < layoutTokens; k++) {
            if (!literal(k)) {
                return false;
            }
            int kind = layoutKind[k];
            if (kind == KEY) {
                keyFrom = i;
                while (i < end && b[i] != '"') {
                    if (b[i] < 0x20 || b[i] > 0x7E || b[i] == '\\') {
                        return false;
                    }
                    i++;
                }
                keyLength = i - keyFrom;
            } else if (kind == VALUE) {
                int from = i;
                if (!numberToken()) {
                    return false;
                }
                value = integralToken ? (double) number : NumberInput.parseDouble(digits, 0, i - from, true);
            } else {
                if ((kind & QUOTED) != 0 ? !quotedDigits() : !numberToken() || !integralToken) {
                    return false;
                }
                if ((kind & TIMESTAMP) != 0) {
                    ts = number;
                } else {
                    step = number;
                }
            }
        }
        if (!literal(layoutTokens)) {
            return false;
        }
        columnsOf(keyFrom, keyLength).add(step, value, ts);
        return true;
    }

    /** Whether the body continues with the literal bytes {@code k} of the layout (then skipped). */
    private boolean literal(int k) {
        int n = literalLength[k];
        int from = literalFrom[k];
        if (i + n > end || !Arrays.equals(b, i, i + n, b, from, from + n)) {
            return false;
        }
        i += n;
        return true;
    }

    /** 1-18 digits up to (not over) a closing quote, into number: what {@link #int64} takes in a string. */
    private boolean quotedDigits() {
        int from = i;
        long v = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i++] - '0');
        }
        if (i == from || i - from > 18 || i >= end || b[i] != '"') {
            return false;
        }
        number = v;
        return true;
    }

    /** The columns of the key at {@code b[from..from+length)}; a new key is checked as the general reader checks it. */
    private MetricColumns.Builder columnsOf(int from, int length) {
        if (lastKey != null && length == lastKeyLength
                && Arrays.equals(b, from, from + length, b, lastKeyFrom, lastKeyFrom + length)) {
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
