package dev.observatory.server.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * MLflow's search filter grammar: clauses joined by {@code AND}, each {@code entity comparator value}. Entities are
 * {@code metrics.<key>}, {@code params.<key>}, {@code tags.<key>} (singular forms too), {@code attributes.<name>} or a
 * bare attribute name; keys may be quoted with backticks or double quotes. Comparators: {@code = != < <= > >=} for
 * numbers, {@code = != LIKE ILIKE} for strings, {@code IN / NOT IN} lists for run ids, {@code IS [NOT] NULL}. A
 * malformed filter is INVALID_PARAMETER_VALUE naming the position (0-based character offset).
 */
final class SearchFilter {

    enum Type {
        METRIC, PARAM, TAG, ATTRIBUTE
    }

    /** What a clause looks at; {@code key} is the metric/param/tag key or the attribute name. */
    record Entity(Type type, String key) {
    }

    /** One comparison. {@code value} is a Double, a String, or a List of Strings (IN); null for IS [NOT] NULL. */
    record Clause(Entity entity, String op, Object value) {
        /** Whether the clause holds, given how to read an entity (a Double, a String or null when absent). */
        boolean matches(Function<Entity, Object> lookup) {
            Object v = lookup.apply(entity);
            if (op.equals("IS NULL")) {
                return v == null;
            }
            if (op.equals("IS NOT NULL")) {
                return v != null;
            }
            if (v == null) {
                return false;
            }
            if (value instanceof Double d) {
                double x = v instanceof Double n ? n : parse(v.toString());
                return switch (op) {
                    case "=" -> x == d;
                    case "!=" -> x != d;
                    case "<" -> x < d;
                    case "<=" -> x <= d;
                    case ">" -> x > d;
                    default -> x >= d;
                };
            }
            String s = v.toString();
            return switch (op) {
                case "=" -> s.equals(value);
                case "!=" -> !s.equals(value);
                case "LIKE" -> like((String) value, false).matcher(s).matches();
                case "ILIKE" -> like((String) value, true).matcher(s).matches();
                case "IN" -> ((List<?>) value).contains(s);
                default -> !((List<?>) value).contains(s);
            };
        }

        private static double parse(String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }

    static final Set<String> RUN_STRING_ATTRIBUTES = Set.of("run_id", "run_name", "status", "user_id", "artifact_uri",
            "lifecycle_stage");
    static final Set<String> RUN_NUMERIC_ATTRIBUTES = Set.of("start_time", "end_time", "created");
    static final Set<String> EXPERIMENT_STRING_ATTRIBUTES = Set.of("name", "experiment_id", "lifecycle_stage");
    static final Set<String> EXPERIMENT_NUMERIC_ATTRIBUTES = Set.of("creation_time", "last_update_time");

    private SearchFilter() {
    }

    static List<Clause> parseRunFilter(String filter) {
        return new SearchParser(filter, RUN_STRING_ATTRIBUTES, RUN_NUMERIC_ATTRIBUTES, true).clauses();
    }

    static List<Clause> parseExperimentFilter(String filter) {
        return new SearchParser(filter, EXPERIMENT_STRING_ATTRIBUTES, EXPERIMENT_NUMERIC_ATTRIBUTES, false).clauses();
    }

    /** SQL LIKE as a regex: % any run, _ one character, everything else literal. */
    static Pattern like(String pattern, boolean ignoreCase) {
        StringBuilder re = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '%' || c == '_') {
                if (!lit.isEmpty()) {
                    re.append(Pattern.quote(lit.toString()));
                    lit.setLength(0);
                }
                re.append(c == '%' ? ".*" : ".");
            } else {
                lit.append(c);
            }
        }
        if (!lit.isEmpty()) {
            re.append(Pattern.quote(lit.toString()));
        }
        return Pattern.compile(re.toString(),
                Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    /** An entity from its prefix and key ("metrics", "loss"); null when the prefix is none of MLflow's. */
    static Type typeOf(String prefix) {
        return switch (prefix.toLowerCase(Locale.ROOT)) {
            case "metric", "metrics" -> Type.METRIC;
            case "param", "params", "parameter", "parameters" -> Type.PARAM;
            case "tag", "tags" -> Type.TAG;
            case "attribute", "attributes", "attr", "run" -> Type.ATTRIBUTE;
            default -> null;
        };
    }
}
