package dev.observatory.core;

import java.util.List;
import java.util.regex.Pattern;

/** Input rules shared by every surface; each failure is an IllegalArgumentException saying what to fix. */
final class Validation {
    private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    static final int MAX_KEY = 250;
    static final int MAX_TAGS = 50;

    private Validation() {
    }

    static String projectName(String name) {
        if (name == null || !PROJECT.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "project name must be 1-100 characters of letters, digits, '.', '_' or '-'"
                            + " starting with a letter or digit, got " + quote(name));
        }
        return name;
    }

    static String metricKey(String key) {
        return text("metric key", key, MAX_KEY);
    }

    static String runName(String name) {
        return name == null ? null : text("run name", name, MAX_KEY);
    }

    static List<String> tags(List<String> tags) {
        if (tags == null) {
            return null;
        }
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException("at most " + MAX_TAGS + " tags per run, got " + tags.size());
        }
        tags.forEach(t -> text("tag", t, 100));
        return tags;
    }

    static String text(String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " must be at most " + max + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " " + quote(value) + " contains a control character at index "
                        + i + ": use printable characters only");
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
