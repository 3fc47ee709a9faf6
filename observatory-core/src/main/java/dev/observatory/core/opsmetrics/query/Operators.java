package dev.observatory.core.opsmetrics.query;

import dev.observatory.core.opsmetrics.query.QueryEngine.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Aggregations, binary operators and histogram_quantile over evaluated vectors. */
final class Operators {
    private static final List<String> COMPARISONS = List.of("==", "!=", ">", "<", ">=", "<=");

    private Operators() {
    }

    static SortedMap<String, String> groupLabels(Row r, List<String> labels, boolean without) {
        SortedMap<String, String> key = new TreeMap<>();
        if (without) {
            key.putAll(r.labels());
            key.remove("__name__");
            labels.forEach(key::remove);
        } else {
            for (String l : labels) {
                String v = r.labels().get(l);
                if (v != null) {
                    key.put(l, v);
                }
            }
        }
        return key;
    }

    static Value aggregate(Expr.Aggregate a, List<Row> rows, int steps) {
        Map<SortedMap<String, String>, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(groupLabels(r, a.labels(), a.without()), k -> new ArrayList<>()).add(r);
        }
        List<Row> out = new ArrayList<>();
        if (a.op().equals("topk") || a.op().equals("bottomk")) {
            int k = (int) ((Expr.NumberLit) a.param()).value();
            for (List<Row> g : groups.values()) {
                out.addAll(topk(g, k, a.op().equals("topk"), steps));
            }
            return new Value.Vector(out);
        }
        for (Map.Entry<SortedMap<String, String>, List<Row>> g : groups.entrySet()) {
            double[] v = new double[steps];
            for (int i = 0; i < steps; i++) {
                v[i] = combine(a.op(), g.getValue(), i);
            }
            out.add(new Row(g.getKey(), v));
        }
        return new Value.Vector(out);
    }

    private static double combine(String op, List<Row> rows, int i) {
        double acc = Double.NaN;
        int n = 0;
        for (Row r : rows) {
            double x = r.values()[i];
            if (Double.isNaN(x)) {
                continue;
            }
            n++;
            acc = n == 1 ? (op.equals("count") ? 1 : x) : switch (op) {
                case "min" -> Math.min(acc, x);
                case "max" -> Math.max(acc, x);
                case "count" -> acc + 1;
                default -> acc + x;
            };
        }
        return op.equals("avg") && n > 0 ? acc / n : acc;
    }

    private static List<Row> topk(List<Row> group, int k, boolean top, int steps) {
        List<double[]> kept = new ArrayList<>();
        for (int r = 0; r < group.size(); r++) {
            double[] v = new double[steps];
            Arrays.fill(v, Double.NaN);
            kept.add(v);
        }
        for (int i = 0; i < steps; i++) {
            int step = i;
            List<Integer> idx = new ArrayList<>();
            for (int r = 0; r < group.size(); r++) {
                if (!Double.isNaN(group.get(r).values()[i])) {
                    idx.add(r);
                }
            }
            idx.sort((x, y) -> top ? Double.compare(group.get(y).values()[step], group.get(x).values()[step])
                    : Double.compare(group.get(x).values()[step], group.get(y).values()[step]));
            for (int j = 0; j < Math.min(k, idx.size()); j++) {
                kept.get(idx.get(j))[i] = group.get(idx.get(j)).values()[i];
            }
        }
        List<Row> out = new ArrayList<>();
        for (int r = 0; r < group.size(); r++) {
            out.add(new Row(group.get(r).labels(), kept.get(r)));
        }
        return out;
    }

    static Value binary(Expr.Binary b, Value lhs, Value rhs, int steps) {
        boolean comparison = COMPARISONS.contains(b.op());
        if (lhs instanceof Value.Scalar l && rhs instanceof Value.Scalar r) {
            if (comparison) {
                throw new QueryException("comparing two numbers (" + b.op() + ") is not supported; compare a vector");
            }
            double[] v = new double[steps];
            for (int i = 0; i < steps; i++) {
                v[i] = arithmetic(b.op(), l.values()[i], r.values()[i]);
            }
            return new Value.Scalar(v);
        }
        if (lhs instanceof Value.Vector l && rhs instanceof Value.Vector r) {
            return vectors(b, l.rows(), r.rows(), comparison, steps);
        }
        boolean vectorLeft = lhs instanceof Value.Vector;
        List<Row> rows = vectorLeft ? ((Value.Vector) lhs).rows() : ((Value.Vector) rhs).rows();
        double[] scalar = vectorLeft ? ((Value.Scalar) rhs).values() : ((Value.Scalar) lhs).values();
        List<Row> out = new ArrayList<>();
        for (Row row : rows) {
            double[] v = new double[steps];
            for (int i = 0; i < steps; i++) {
                double x = row.values()[i];
                double l = vectorLeft ? x : scalar[i];
                double r = vectorLeft ? scalar[i] : x;
                v[i] = Double.isNaN(x) ? Double.NaN
                        : comparison ? (compare(b.op(), l, r) ? x : Double.NaN) : arithmetic(b.op(), l, r);
            }
            out.add(new Row(comparison ? row.labels() : row.withoutName(), v));
        }
        return new Value.Vector(out);
    }

    private static Value vectors(Expr.Binary b, List<Row> lhs, List<Row> rhs, boolean comparison, int steps) {
        Map<SortedMap<String, String>, Row> right = new HashMap<>();
        for (Row r : rhs) {
            if (right.put(matchKey(r, b), r) != null) {
                throw new QueryException("several series on the right of '" + b.op() + "' match the same labels "
                        + matchKey(r, b) + ": aggregate them first or match on(...) fewer labels");
            }
        }
        List<Row> out = new ArrayList<>();
        for (Row l : lhs) {
            Row r = right.get(matchKey(l, b));
            if (r == null) {
                continue;
            }
            double[] v = new double[steps];
            for (int i = 0; i < steps; i++) {
                double x = l.values()[i];
                double y = r.values()[i];
                v[i] = Double.isNaN(x) || Double.isNaN(y) ? Double.NaN
                        : comparison ? (compare(b.op(), x, y) ? x : Double.NaN) : arithmetic(b.op(), x, y);
            }
            SortedMap<String, String> labels = comparison ? l.labels() : l.withoutName();
            if (!comparison && b.on()) {
                labels = groupLabels(l, b.matchLabels(), false);
            } else if (!comparison) {
                b.matchLabels().forEach(labels::remove);
            }
            out.add(new Row(labels, v));
        }
        return new Value.Vector(out);
    }

    private static SortedMap<String, String> matchKey(Row r, Expr.Binary b) {
        if (b.on()) {
            return groupLabels(r, b.matchLabels(), false);
        }
        return groupLabels(r, b.matchLabels(), true);
    }

    private static double arithmetic(String op, double l, double r) {
        return switch (op) {
            case "+" -> l + r;
            case "-" -> l - r;
            case "*" -> l * r;
            case "/" -> l / r;
            case "%" -> l % r;
            default -> Math.pow(l, r);
        };
    }

    private static boolean compare(String op, double l, double r) {
        return switch (op) {
            case "==" -> l == r;
            case "!=" -> l != r;
            case ">" -> l > r;
            case "<" -> l < r;
            case ">=" -> l >= r;
            default -> l <= r;
        };
    }

    /** Groups the buckets by their labels but le, then the quantile of each group at each step. */
    static List<Row> histogramQuantile(double q, List<Row> buckets, int steps) {
        Map<SortedMap<String, String>, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : buckets) {
            String le = r.labels().get("le");
            if (le == null) {
                continue;
            }
            groups.computeIfAbsent(groupLabels(r, List.of("le"), true), k -> new ArrayList<>()).add(r);
        }
        List<Row> out = new ArrayList<>();
        for (Map.Entry<SortedMap<String, String>, List<Row>> g : groups.entrySet()) {
            List<Row> rows = g.getValue();
            double[] le = new double[rows.size()];
            for (int j = 0; j < rows.size(); j++) {
                le[j] = parseLe(rows.get(j).labels().get("le"));
            }
            double[] v = new double[steps];
            double[] bounds = new double[rows.size()];
            double[] counts = new double[rows.size()];
            for (int i = 0; i < steps; i++) {
                int n = 0;
                for (int j = 0; j < rows.size(); j++) {
                    double c = rows.get(j).values()[i];
                    if (!Double.isNaN(c) && !Double.isNaN(le[j])) {
                        bounds[n] = le[j];
                        counts[n++] = c;
                    }
                }
                v[i] = n == 0 ? Double.NaN : HistogramQuantile.quantile(q, bounds, counts, n);
            }
            out.add(new Row(g.getKey(), v));
        }
        return out;
    }

    private static double parseLe(String le) {
        try {
            return le.equals("+Inf") || le.equals("Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
