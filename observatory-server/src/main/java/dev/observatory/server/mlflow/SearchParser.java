package dev.observatory.server.mlflow;

import dev.observatory.server.mlflow.SearchFilter.Clause;
import dev.observatory.server.mlflow.SearchFilter.Entity;
import dev.observatory.server.mlflow.SearchFilter.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A hand-written recursive-descent parser for {@link SearchFilter}; errors name the character position. */
final class SearchParser {
    private final String text;
    private final Set<String> stringAttributes;
    private final Set<String> numericAttributes;
    private final boolean runs;
    private int pos;

    SearchParser(String text, Set<String> stringAttributes, Set<String> numericAttributes, boolean runs) {
        this.text = text == null ? "" : text;
        this.stringAttributes = stringAttributes;
        this.numericAttributes = numericAttributes;
        this.runs = runs;
    }

    List<Clause> clauses() {
        List<Clause> out = new ArrayList<>();
        skipSpace();
        if (pos == text.length()) {
            return out;
        }
        while (true) {
            out.add(clause());
            skipSpace();
            if (pos == text.length()) {
                return out;
            }
            int at = pos;
            String word = word();
            if (!word.equalsIgnoreCase("and")) {
                throw error(at, word.isEmpty() ? "expected AND between clauses"
                        : "expected AND between clauses, got '" + word + "' (only AND is supported)");
            }
        }
    }

    private Clause clause() {
        skipSpace();
        Entity e = entity();
        skipSpace();
        int opAt = pos;
        String op = comparator();
        boolean numeric = e.type() == Type.METRIC || e.type() == Type.ATTRIBUTE && numericAttributes.contains(e.key());
        if (op.equals("IS NULL") || op.equals("IS NOT NULL")) {
            return new Clause(e, op, null);
        }
        if (op.equals("IN") || op.equals("NOT IN")) {
            if (numeric || e.type() == Type.METRIC) {
                throw error(opAt, "'" + op + "' is not supported for " + describe(e));
            }
            return new Clause(e, op, list());
        }
        skipSpace();
        int valueAt = pos;
        if (numeric) {
            if (!Set.of("=", "!=", "<", "<=", ">", ">=").contains(op)) {
                throw error(opAt,
                        "invalid comparator '" + op + "' for " + describe(e) + ": use one of =, !=, <, <=, >, >=");
            }
            return new Clause(e, op, number(valueAt));
        }
        if (!Set.of("=", "!=", "LIKE", "ILIKE").contains(op)) {
            throw error(opAt, "invalid comparator '" + op + "' for " + describe(e) + ": use one of =, !=, LIKE, ILIKE");
        }
        return new Clause(e, op, string(valueAt));
    }

    private static String describe(Entity e) {
        return switch (e.type()) {
            case METRIC -> "metric '" + e.key() + "'";
            case PARAM -> "param '" + e.key() + "'";
            case TAG -> "tag '" + e.key() + "'";
            case ATTRIBUTE -> "attribute '" + e.key() + "'";
        };
    }

    private Entity entity() {
        int at = pos;
        String first = identifierPart();
        if (first.isEmpty()) {
            throw error(at, "expected an entity such as metrics.<key>, params.<key>, tags.<key> or attributes.<name>");
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            Type type = SearchFilter.typeOf(first);
            if (type == null) {
                throw error(at, "invalid entity type '" + first + "': use metrics., params., tags. or attributes.");
            }
            pos++;
            int keyAt = pos;
            String key = key();
            if (key.isEmpty()) {
                throw error(keyAt, "expected a key after '" + first + ".'");
            }
            return type == Type.ATTRIBUTE ? attribute(key, keyAt) : new Entity(type, key);
        }
        return attribute(first, at);
    }

    private Entity attribute(String name, int at) {
        String n = name.equals("run_uuid") || name.equals("id") ? "run_id" : name;
        n = n.equals("experiment_name") ? "name" : n;
        if (!stringAttributes.contains(n) && !numericAttributes.contains(n)) {
            throw error(at, "invalid attribute '" + name + "': valid ones are " + new java.util.TreeSet<>(union())
                    + (runs ? " (or metrics./params./tags. keys)" : ""));
        }
        return new Entity(Type.ATTRIBUTE, n);
    }

    private Set<String> union() {
        Set<String> all = new java.util.HashSet<>(stringAttributes);
        all.addAll(numericAttributes);
        return all;
    }

    /** A key: quoted with backticks or double quotes, or the rest of a dotted identifier. */
    private String key() {
        if (pos < text.length() && (text.charAt(pos) == '`' || text.charAt(pos) == '"')) {
            return quoted(text.charAt(pos));
        }
        int start = pos;
        while (pos < text.length() && isKeyChar(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '/' || c == ':';
    }

    private String identifierPart() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String comparator() {
        int at = pos;
        if (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '=' || c == '<' || c == '>' || c == '!') {
                pos++;
                if (pos < text.length() && text.charAt(pos) == '=') {
                    pos++;
                }
                String op = text.substring(at, pos);
                if (op.equals("!") || op.equals("==")) {
                    throw error(at, "invalid comparator '" + op + "'");
                }
                return op;
            }
        }
        String w = word().toUpperCase(Locale.ROOT);
        switch (w) {
            case "LIKE", "ILIKE", "IN":
                return w;
            case "NOT":
                skipSpace();
                if (word().equalsIgnoreCase("IN")) {
                    return "NOT IN";
                }
                break;
            case "IS":
                skipSpace();
                String next = word().toUpperCase(Locale.ROOT);
                if (next.equals("NULL")) {
                    return "IS NULL";
                }
                skipSpace();
                if (next.equals("NOT") && word().equalsIgnoreCase("NULL")) {
                    return "IS NOT NULL";
                }
                break;
            default:
                break;
        }
        throw error(at, "expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL)");
    }

    private Double number(int at) {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String s = text.substring(start, pos);
        try {
            if (s.isEmpty()) {
                throw new NumberFormatException();
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            pos = at;
            throw error(at, "expected a number");
        }
    }

    private String string(int at) {
        if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
            return quoted(text.charAt(pos));
        }
        throw error(at, "expected a quoted string value (in single or double quotes)");
    }

    private List<String> list() {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != '(') {
            throw error(pos, "expected '(' to start a list of values");
        }
        pos++;
        List<String> out = new ArrayList<>();
        while (true) {
            skipSpace();
            out.add(string(pos));
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
            } else if (pos < text.length() && text.charAt(pos) == ')') {
                pos++;
                return out;
            } else {
                throw error(pos, "expected ',' or ')' in the list of values");
            }
        }
    }

    private String quoted(char quote) {
        int at = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                sb.append(text.charAt(pos++));
            } else if (c == quote) {
                return sb.toString();
            } else {
                sb.append(c);
            }
        }
        throw error(at, "unterminated quoted text starting here");
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private MlflowException error(int at, String what) {
        return MlflowException.invalid("Invalid filter '" + text + "' at position " + at + ": " + what);
    }
}
