package dev.observatory.core.opsmetrics.query;

import java.util.ArrayList;
import java.util.List;

/** Splits a query into tokens: identifiers, numbers, durations, strings and operators. */
final class QueryLexer {

    enum Kind {
        IDENT, NUMBER, DURATION, STRING, OP, END
    }

    record Token(Kind kind, String text, int pos) {
    }

    private static final String[] OPS = { "!=", "=~", "!~", "==", ">=", "<=", "(", ")", "{", "}", "[", "]", ",", "=",
            "+", "-", "*", "/", "%", "^", ">", "<" };

    private QueryLexer() {
    }

    static List<Token> tokens(String q) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'' || c == '`') {
                i = string(q, i, out);
            } else if (Character.isDigit(c) || c == '.' && i + 1 < q.length() && Character.isDigit(q.charAt(i + 1))) {
                i = number(q, i, out);
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int s = i;
                while (i < q.length()
                        && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '_' || q.charAt(i) == ':')) {
                    i++;
                }
                out.add(new Token(Kind.IDENT, q.substring(s, i), s));
            } else {
                i = op(q, i, out);
            }
        }
        out.add(new Token(Kind.END, "", q.length()));
        return out;
    }

    private static int op(String q, int i, List<Token> out) {
        for (String op : OPS) {
            if (q.startsWith(op, i)) {
                out.add(new Token(Kind.OP, op, i));
                return i + op.length();
            }
        }
        throw new QueryException("unexpected character '" + q.charAt(i) + "' at position " + i);
    }

    private static int string(String q, int i, List<Token> out) {
        char quote = q.charAt(i);
        StringBuilder sb = new StringBuilder();
        int j = i + 1;
        while (j < q.length() && q.charAt(j) != quote) {
            char c = q.charAt(j);
            if (c == '\\' && quote != '`' && j + 1 < q.length()) {
                char n = q.charAt(++j);
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
            j++;
        }
        if (j >= q.length()) {
            throw new QueryException("unterminated string starting at position " + i);
        }
        out.add(new Token(Kind.STRING, sb.toString(), i));
        return j + 1;
    }

    /** A number, or a duration such as 5m, 1h30m, 250ms. */
    private static int number(String q, int i, List<Token> out) {
        int s = i;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '.'
                    || (c == '+' || c == '-') && q.substring(s, i).matches("[0-9.]+[eE]")) {
                i++;
            } else {
                break;
            }
        }
        String text = q.substring(s, i);
        if (text.matches("(\\d+(ms|s|m|h|d|w|y))+")) {
            out.add(new Token(Kind.DURATION, text, s));
        } else {
            try {
                Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new QueryException("'" + text + "' at position " + s + " is neither a number nor a duration"
                        + " (durations: 250ms, 30s, 5m, 1h, 7d, 1w, 1y)");
            }
            out.add(new Token(Kind.NUMBER, text, s));
        }
        return i;
    }

    /** Milliseconds of a duration token such as 1h30m. */
    static long durationMs(String text) {
        long total = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)").matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total += n * switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                case "w" -> 7 * 86_400_000L;
                default -> 365 * 86_400_000L;
            };
        }
        return total;
    }
}
