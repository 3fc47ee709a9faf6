package dev.observatory.core.benchmark;

import java.nio.charset.StandardCharsets;

/**
 * Reads {@code usage.completion_tokens} of an OpenAI-style answer by scanning the bytes for the key (no JSON tree per
 * request: the generator must stay fast). Falls back to TGI's {@code generated_tokens} in {@code details}.
 */
final class UsageParser {
    private static final byte[] COMPLETION = "\"completion_tokens\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GENERATED = "\"generated_tokens\"".getBytes(StandardCharsets.US_ASCII);

    private UsageParser() {
    }

    /** The completion token count, or -1 when the answer reports none. */
    static long completionTokens(byte[] body) {
        long n = numberAfter(body, COMPLETION);
        return n >= 0 ? n : numberAfter(body, GENERATED);
    }

    private static long numberAfter(byte[] b, byte[] key) {
        int at = indexOf(b, key);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length;
        while (i < b.length && (b[i] == ' ' || b[i] == ':' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        long v = 0;
        int digits = 0;
        while (i < b.length && b[i] >= '0' && b[i] <= '9' && digits < 18) {
            v = v * 10 + (b[i++] - '0');
            digits++;
        }
        return digits == 0 ? -1 : v;
    }

    private static int indexOf(byte[] b, byte[] key) {
        outer: for (int i = 0; i <= b.length - key.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (b[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The start of a body for an error message. */
    static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return s.isBlank() ? "(empty body)" : s;
    }
}
