package dev.observatory.core.opsmetrics.query;

import dev.observatory.core.opsmetrics.query.QueryLexer.Kind;
import dev.observatory.core.opsmetrics.query.QueryLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses Observatory's metric query language, a subset of PromQL (docs/metrics-query-language.md):
 * <ul>
 * <li>selectors {@code name}, {@code name{label="v", l2!="v", l3=~"re.*", l4!~"re"}}, ranges {@code name[5m]},
 * {@code offset 1h};</li>
 * <li>functions over ranges: rate, increase, irate, delta, avg/min/max/sum/count/last_over_time; over vectors: abs,
 * ceil, floor, sqrt, exp, ln, clamp_min, clamp_max, histogram_quantile;</li>
 * <li>aggregations sum, avg, min, max, count, topk, bottomk with {@code by (...)} or {@code without (...)} before or
 * after the argument;</li>
 * <li>binary operators {@code + - * / % ^} and the filters {@code == != > < >= <=} between numbers and vectors, vector
 * matching on all labels but the name or {@code on (...)} / {@code ignoring (...)}.</li>
 * </ul>
 */
public final class QueryParser {

    static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "min", "max", "count", "topk", "bottomk");
    static final Set<String> RANGE_FUNCTIONS = Set.of("rate", "increase", "irate", "delta", "avg_over_time",
            "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "last_over_time");
    static final Set<String> VECTOR_FUNCTIONS = Set.of("abs", "ceil", "floor", "sqrt", "exp", "ln", "clamp_min",
            "clamp_max", "histogram_quantile");
    private static final List<List<String>> PRECEDENCE = List.of(List.of("==", "!=", ">", "<", ">=", "<="),
            List.of("+", "-"), List.of("*", "/", "%"), List.of("^"));

    private final List<Token> tokens;
    private int pos;

    private QueryParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The syntax tree of the query; QueryException saying where and why when it is not valid. */
    public static Expr parse(String query) {
        if (query == null || query.isBlank()) {
            throw new QueryException("the query is empty");
        }
        QueryParser p = new QueryParser(QueryLexer.tokens(query));
        Expr e = p.binary(0);
        if (p.peek().kind() != Kind.END) {
            throw p.error("unexpected '" + p.peek().text() + "'");
        }
        return e;
    }

    /** Milliseconds of a duration such as 30s, 5m, 1h30m, 7d; QueryException when it is not one. */
    public static long durationMs(String text) {
        if (text == null || !text.trim().matches("(\\d+(ms|s|m|h|d|w|y))+")) {
            throw new QueryException("'" + text + "' is not a duration: use e.g. 30s, 5m, 1h, 7d");
        }
        return QueryLexer.durationMs(text.trim());
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean atOp(String op) {
        return peek().kind() == Kind.OP && peek().text().equals(op);
    }

    private void expect(String op) {
        if (!atOp(op)) {
            throw error("expected '" + op + "' but found '" + peek().text() + "'");
        }
        pos++;
    }

    private QueryException error(String message) {
        return new QueryException(message + " at position " + peek().pos());
    }

    private Expr binary(int level) {
        if (level == PRECEDENCE.size()) {
            return unary();
        }
        Expr lhs = binary(level + 1);
        while (peek().kind() == Kind.OP && PRECEDENCE.get(level).contains(peek().text())) {
            String op = next().text();
            List<String> labels = List.of();
            boolean on = false;
            if (peek().kind() == Kind.IDENT && (peek().text().equals("on") || peek().text().equals("ignoring"))) {
                on = next().text().equals("on");
                labels = labelList();
            }
            Expr rhs = op.equals("^") ? binary(level) : binary(level + 1);
            lhs = new Expr.Binary(op, lhs, rhs, labels, on);
        }
        return lhs;
    }

    private Expr unary() {
        if (atOp("-") || atOp("+")) {
            boolean minus = next().text().equals("-");
            Expr e = binary(PRECEDENCE.size() - 1); // ^ binds tighter than a sign: -2 ^ 2 is -4
            return minus ? new Expr.Binary("*", new Expr.NumberLit(-1), e, List.of(), false) : e;
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        if (atOp("[")) {
            if (!(e instanceof Expr.Selector s) || s.rangeMs() > 0) {
                throw error("a range [..] follows a metric selector only (subqueries are not supported)");
            }
            next();
            Token d = next();
            if (d.kind() != Kind.DURATION) {
                throw error("expected a duration such as 5m in [..]");
            }
            expect("]");
            e = new Expr.Selector(s.name(), s.matchers(), QueryLexer.durationMs(d.text()), s.offsetMs());
        }
        if (peek().kind() == Kind.IDENT && peek().text().equals("offset")) {
            next();
            if (!(e instanceof Expr.Selector s)) {
                throw error("offset follows a metric selector only");
            }
            Token d = next();
            if (d.kind() != Kind.DURATION) {
                throw error("expected a duration after offset");
            }
            e = new Expr.Selector(s.name(), s.matchers(), s.rangeMs(), QueryLexer.durationMs(d.text()));
        }
        return e;
    }

    private Expr primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new Expr.NumberLit(Double.parseDouble(t.text()));
            case DURATION:
                throw new QueryException("a duration (" + t.text() + ") is allowed only inside [..] or after offset,"
                        + " at position " + t.pos());
            case STRING:
                throw new QueryException("a string is allowed only as a label value, at position " + t.pos());
            case OP:
                if (t.text().equals("(")) {
                    Expr e = binary(0);
                    expect(")");
                    return e;
                }
                if (t.text().equals("{")) {
                    pos--;
                    return selector(null);
                }
                throw new QueryException("unexpected '" + t.text() + "' at position " + t.pos());
            case IDENT:
                return identifier(t);
            default:
                throw new QueryException("the query ends too early");
        }
    }

    private Expr identifier(Token t) {
        String name = t.text();
        if (name.equalsIgnoreCase("inf") || name.equalsIgnoreCase("nan")) {
            return new Expr.NumberLit(name.equalsIgnoreCase("nan") ? Double.NaN : Double.POSITIVE_INFINITY);
        }
        if (AGGREGATIONS.contains(name) && (atOp("(") || peekIdent("by") || peekIdent("without"))) {
            return aggregation(name);
        }
        if (atOp("(")) {
            if (!RANGE_FUNCTIONS.contains(name) && !VECTOR_FUNCTIONS.contains(name)) {
                throw new QueryException("unknown function " + name + "() at position " + t.pos() + "; known: "
                        + new java.util.TreeSet<>(union()));
            }
            next();
            List<Expr> args = new ArrayList<>();
            if (!atOp(")")) {
                args.add(binary(0));
                while (atOp(",")) {
                    next();
                    args.add(binary(0));
                }
            }
            expect(")");
            return Functions.check(name, args);
        }
        return selector(name);
    }

    private static Set<String> union() {
        Set<String> all = new java.util.HashSet<>(RANGE_FUNCTIONS);
        all.addAll(VECTOR_FUNCTIONS);
        all.addAll(AGGREGATIONS);
        return all;
    }

    private boolean peekIdent(String word) {
        return peek().kind() == Kind.IDENT && peek().text().equals(word);
    }

    private Expr aggregation(String op) {
        List<String> labels = List.of();
        boolean without = false;
        boolean grouped = false;
        if (peekIdent("by") || peekIdent("without")) {
            without = next().text().equals("without");
            labels = labelList();
            grouped = true;
        }
        expect("(");
        Expr param = null;
        if (op.equals("topk") || op.equals("bottomk")) {
            param = binary(0);
            expect(",");
        }
        Expr e = binary(0);
        expect(")");
        if (!grouped && (peekIdent("by") || peekIdent("without"))) {
            without = next().text().equals("without");
            labels = labelList();
        }
        if (param != null && !(param instanceof Expr.NumberLit)) {
            throw error(op + " needs a number as its first argument");
        }
        return new Expr.Aggregate(op, labels, without, param, e);
    }

    private List<String> labelList() {
        expect("(");
        List<String> labels = new ArrayList<>();
        while (!atOp(")")) {
            Token l = next();
            if (l.kind() != Kind.IDENT) {
                throw new QueryException("expected a label name at position " + l.pos());
            }
            labels.add(l.text());
            if (!atOp(")")) {
                expect(",");
            }
        }
        next();
        return List.copyOf(labels);
    }

    private Expr selector(String name) {
        List<Expr.Matcher> matchers = new ArrayList<>();
        if (atOp("{")) {
            next();
            while (!atOp("}")) {
                Token label = next();
                if (label.kind() != Kind.IDENT) {
                    throw new QueryException("expected a label name at position " + label.pos());
                }
                Token op = next();
                if (op.kind() != Kind.OP || !Set.of("=", "!=", "=~", "!~").contains(op.text())) {
                    throw new QueryException(
                            "expected =, !=, =~ or !~ after " + label.text() + " at position " + op.pos());
                }
                Token value = next();
                if (value.kind() != Kind.STRING) {
                    throw new QueryException("expected a quoted value at position " + value.pos());
                }
                if (label.text().equals("__name__") && op.text().equals("=")) {
                    name = value.text();
                } else {
                    matchers.add(new Expr.Matcher(label.text(), op.text(), value.text()));
                }
                if (!atOp("}")) {
                    expect(",");
                }
            }
            next();
        }
        if (name == null) {
            throw error("a selector needs a metric name (name{...} or {__name__=\"...\"})");
        }
        return new Expr.Selector(name, List.copyOf(matchers), 0, 0);
    }
}
