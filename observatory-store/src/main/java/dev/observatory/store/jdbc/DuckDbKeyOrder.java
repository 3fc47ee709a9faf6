package dev.observatory.store.jdbc;

/**
 * The order DuckDB gives VARCHAR values without a collation (their UTF-8 bytes, i.e. by code point), for lists built in
 * Java that must equal what an {@code ORDER BY} of the same keys returns ({@link String#compareTo} differs for
 * characters outside the Basic Multilingual Plane).
 */
final class DuckDbKeyOrder {

    private DuckDbKeyOrder() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
