package dev.observatory.core.opsmetrics.query;

import java.util.List;

/** The syntax tree of a query (see {@link QueryParser} for the language). */
public sealed interface Expr {

    /** A number: {@code 0.99}, {@code 1e3}. */
    record NumberLit(double value) implements Expr {
    }

    /** A label matcher: {@code =}, {@code !=}, {@code =~} (full-string regex), {@code !~}. */
    record Matcher(String label, String op, String value) {
        public Matcher {
            if (op.endsWith("~")) {
                try {
                    java.util.regex.Pattern.compile(value);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new QueryException(
                            "invalid regular expression in " + label + op + "\"" + value + "\": " + e.getDescription());
                }
            }
        }

        boolean matches(String actual) {
            String v = actual == null ? "" : actual;
            return switch (op) {
                case "=" -> v.equals(value);
                case "!=" -> !v.equals(value);
                case "=~" -> v.matches(value);
                default -> !v.matches(value);
            };
        }
    }

    /** {@code name{matchers}} with an optional range {@code [5m]} (rangeMs &gt; 0) and {@code offset}. */
    record Selector(String name, List<Matcher> matchers, long rangeMs, long offsetMs) implements Expr {
    }

    /** A function call: {@code rate(x[5m])}, {@code histogram_quantile(0.9, ...)}. */
    record Call(String function, List<Expr> args) implements Expr {
    }

    /**
     * An aggregation: {@code sum by (route) (expr)}; {@code param} is k of topk/bottomk, else null; {@code without}
     * inverts the label list.
     */
    record Aggregate(String op, List<String> labels, boolean without, Expr param, Expr expr) implements Expr {
    }

    /**
     * A binary operation; between two vectors, samples are matched on all labels but the name, or only {@code on} the
     * listed ones, or {@code ignoring} them.
     */
    record Binary(String op, Expr lhs, Expr rhs, List<String> matchLabels, boolean on) implements Expr {
    }
}
