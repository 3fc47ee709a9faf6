package dev.observatory.analysis.logs;

/**
 * Normalises a log message into a signature: paths become {@code <path>}, UUIDs {@code <uuid>}, hex numbers and long
 * hex ids {@code <hex>}, other numbers (with sign, decimals, exponent) {@code <num>}; whitespace runs collapse to one
 * space; the result is cut at 200 characters. One pass over the characters, no regular expressions.
 */
final class Signatures {

    static final int MAX_LENGTH = 200;

    private Signatures() {
    }

    static String of(String message) {
        String s = message == null ? "" : message.strip();
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_LENGTH + 16));
        int i = 0;
        int n = s.length();
        while (i < n && out.length() < MAX_LENGTH) {
            char c = s.charAt(i);
            int end;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                out.append(' ');
                continue;
            }
            if ((end = path(s, i)) > i) {
                out.append("<path>");
            } else if (startsToken(s, i) && (end = hexOrUuid(s, i, out)) > i) {
                // appended by hexOrUuid
            } else if (startsToken(s, i) && (end = number(s, i)) > i) {
                out.append("<num>");
            } else {
                out.append(c);
                end = i + 1;
            }
            i = end;
        }
        return out.toString().strip();
    }

    private static boolean startsToken(String s, int i) {
        return i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)) && s.charAt(i - 1) != '_';
    }

    /** End of a path starting at i ('/x/y', './x', '~/x', 'C:\x'), or i. */
    private static int path(String s, int i) {
        int n = s.length();
        boolean start = s.startsWith("/", i) && i + 1 < n && isPathChar(s.charAt(i + 1)) && startsToken(s, i)
                || s.startsWith("./", i) || s.startsWith("~/", i) || i + 2 < n && Character.isLetter(s.charAt(i))
                        && s.charAt(i + 1) == ':' && s.charAt(i + 2) == '\\' && startsToken(s, i);
        if (!start) {
            return i;
        }
        int j = i;
        boolean separator = false;
        while (j < n && (isPathChar(s.charAt(j)) || s.charAt(j) == '/' || s.charAt(j) == '\\' || s.charAt(j) == ':')) {
            separator |= j > i && (s.charAt(j) == '/' || s.charAt(j) == '\\');
            j++;
        }
        return separator || s.charAt(i) == '/' && j - i > 1 ? trimTrailing(s, i, j) : i;
    }

    private static int trimTrailing(String s, int i, int j) {
        while (j > i + 1 && (s.charAt(j - 1) == '.' || s.charAt(j - 1) == ':')) {
            j--;
        }
        return j;
    }

    private static boolean isPathChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '@' || c == '+';
    }

    /** End of 0x.. hex, a UUID, or a bare hex id of 8+ characters with a digit and a letter; appends the token. */
    private static int hexOrUuid(String s, int i, StringBuilder out) {
        int n = s.length();
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            int j = i + 2;
            while (j < n && Character.digit(s.charAt(j), 16) >= 0) {
                j++;
            }
            if (j > i + 2 && (j == n || !Character.isLetterOrDigit(s.charAt(j)))) {
                out.append("<hex>");
                return j;
            }
            return i;
        }
        int j = i;
        boolean digit = false;
        boolean letter = false;
        int dashes = 0;
        while (j < n && (Character.digit(s.charAt(j), 16) >= 0 || s.charAt(j) == '-')) {
            char c = s.charAt(j);
            dashes += c == '-' ? 1 : 0;
            digit |= Character.isDigit(c);
            letter |= Character.isLetter(c);
            j++;
        }
        if (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            return i;
        }
        if (j - i == 36 && dashes == 4) {
            out.append("<uuid>");
            return j;
        }
        if (dashes == 0 && j - i >= 8 && digit && letter) {
            out.append("<hex>");
            return j;
        }
        return i;
    }

    /** End of a number like 12, -3.5, 1e-4, 2.5E+10, 99%, or i. */
    private static int number(String s, int i) {
        int n = s.length();
        int j = i;
        if (j < n && (s.charAt(j) == '-' || s.charAt(j) == '+') && j + 1 < n && Character.isDigit(s.charAt(j + 1))) {
            j++;
        }
        int digits = j;
        while (j < n && (Character.isDigit(s.charAt(j))
                || s.charAt(j) == '.' && j + 1 < n && Character.isDigit(s.charAt(j + 1)))) {
            j++;
        }
        if (j == digits) {
            return i;
        }
        if (j + 1 < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < n && (s.charAt(k) == '-' || s.charAt(k) == '+')) {
                k++;
            }
            if (k < n && Character.isDigit(s.charAt(k))) {
                while (k < n && Character.isDigit(s.charAt(k))) {
                    k++;
                }
                j = k;
            }
        }
        return j;
    }
}
