package dev.observatory.store.blob;

/**
 * The one validation of blob keys that every {@link BlobStore} applies before reading or writing anything: relative,
 * '/'-separated, 1-1024 characters, no empty, "." or ".." segment, no backslash, no NUL or other control character.
 */
public final class BlobKeys {
    /** Longest accepted key in characters. */
    public static final int MAX_LENGTH = 1024;

    private BlobKeys() {
    }

    /** Returns {@code key} when valid; IllegalArgumentException naming the problem otherwise. */
    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("blob key must not be empty");
        }
        if (key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "blob key is " + key.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException("blob key must not contain a NUL character (at index " + i + ")");
            }
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(
                        "blob key must not contain control characters (U+%04X at index %d)".formatted((int) c, i));
            }
            if (c == '\\') {
                throw new IllegalArgumentException(
                        "blob key must not contain a backslash; separate folders with '/': " + key);
            }
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("blob key must be relative (no leading '/'): " + key);
        }
        if (key.length() >= 2 && key.charAt(1) == ':' && Character.isLetter(key.charAt(0))) {
            throw new IllegalArgumentException("blob key must be relative (no drive letter): " + key);
        }
        checkSegments(key);
        return key;
    }

    /**
     * Validates a listing prefix: "" (everything) or a key-like string whose last segment may be partial or empty (a
     * trailing '/'). Same rules as {@link #check} otherwise.
     */
    public static String checkPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        if (prefix.endsWith("/")) {
            check(prefix.substring(0, prefix.length() - 1));
            return prefix;
        }
        return check(prefix);
    }

    private static void checkSegments(String key) {
        int start = 0;
        while (start <= key.length()) {
            int end = key.indexOf('/', start);
            if (end < 0) {
                end = key.length();
            }
            String segment = key.substring(start, end);
            if (segment.isEmpty()) {
                throw new IllegalArgumentException(
                        "blob key must not have an empty segment ('//' or a trailing '/'): " + key);
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("blob key must not have a '" + segment + "' segment: " + key);
            }
            start = end + 1;
        }
    }
}
