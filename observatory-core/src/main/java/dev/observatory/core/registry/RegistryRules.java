package dev.observatory.core.registry;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/** Input rules of the registry; each failure is an IllegalArgumentException saying what to fix. */
final class RegistryRules {
    static final int MAX_NAME = 256;
    static final int MAX_DESCRIPTION = 5000;
    static final int MAX_TAG_KEY = 250;
    static final int MAX_TAG_VALUE = 5000;
    static final int MAX_TAGS_PER_CALL = 1000;
    static final int MAX_SOURCE = 4096;
    static final int MAX_METRICS = 1000;
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern VERSION_LIKE = Pattern.compile("[vV]\\d+");

    private RegistryRules() {
    }

    static String modelName(String name) {
        return line("model name", name, MAX_NAME);
    }

    static int version(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be a positive number (1, 2, ...), got " + version);
        }
        return version;
    }

    static String alias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new IllegalArgumentException(
                    "alias must be 1-255 letters, digits, '_' or '-' (e.g. champion), got " + quote(alias));
        }
        if (alias.equalsIgnoreCase("latest") || VERSION_LIKE.matcher(alias).matches()) {
            throw new IllegalArgumentException("alias " + quote(alias)
                    + " is reserved ('latest' and v<number> name versions themselves): choose another name");
        }
        return alias;
    }

    /** A description: null means unchanged / none; may be empty; newlines allowed. */
    static String description(String text) {
        return text == null ? null : free("description", text, MAX_DESCRIPTION);
    }

    static String source(String source) {
        return source == null ? null : line("source", source, MAX_SOURCE);
    }

    static String optionalLine(String what, String value, int max) {
        return value == null ? null : line(what, value, max);
    }

    static void tags(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS_PER_CALL) {
            throw new IllegalArgumentException(
                    "at most " + MAX_TAGS_PER_CALL + " tags per call, got " + tags.size() + ": send them in parts");
        }
        for (var e : tags.entrySet()) {
            tagKey(e.getKey());
            if (e.getValue() == null) {
                throw new IllegalArgumentException(
                        "the value of tag " + quote(e.getKey()) + " is null: send a string (it may be empty)");
            }
            free("value of tag " + quote(e.getKey()), e.getValue(), MAX_TAG_VALUE);
        }
    }

    static void tagKeys(Collection<String> keys) {
        keys.forEach(RegistryRules::tagKey);
    }

    static String tagKey(String key) {
        return line("tag key", key, MAX_TAG_KEY);
    }

    static void metrics(Map<String, Double> metrics) {
        if (metrics.size() > MAX_METRICS) {
            throw new IllegalArgumentException(
                    "a metrics snapshot may hold at most " + MAX_METRICS + " keys, got " + metrics.size());
        }
        for (var e : metrics.entrySet()) {
            line("metric key", e.getKey(), MAX_TAG_KEY);
            if (e.getValue() == null) {
                throw new IllegalArgumentException("metric " + quote(e.getKey()) + " has no value: send a number");
            }
        }
    }

    /** One line of printable text: not blank, no control characters. */
    static String line(String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        checkLength(what, value, max);
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " " + quote(value) + " contains a control character at index "
                        + i + ": use printable characters only");
            }
        }
        return checkUnicode(what, value);
    }

    /** Free text: may be empty and hold newlines and tabs, no other control characters. */
    static String free(String what, String value, int max) {
        checkLength(what, value, max);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new IllegalArgumentException(
                        what + " contains a control character at index " + i + ": only newlines and tabs are allowed");
            }
        }
        return checkUnicode(what, value);
    }

    private static void checkLength(String what, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " must be at most " + max + " characters, got " + value.length());
        }
    }

    /** Refuses lone surrogates: text that has no UTF-8 encoding. */
    private static String checkUnicode(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(
                        what + " is not valid Unicode (a lone surrogate at index " + i + "): send UTF-8 text");
            }
        }
        return value;
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
