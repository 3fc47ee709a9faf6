package dev.observatory.core.opsmetrics.query;

import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Evaluates queries of the metric query language ({@link QueryParser}) over a {@link SeriesSource}, at every step of a
 * range at once. An instant selector takes the latest sample at most {@link #LOOKBACK_MS} before the step; a range
 * selector {@code [r]} the samples in (step - r, step].
 *
 * <pre>
 * QueryResult r = new QueryEngine(SeriesSource.of(store.opsMetrics()))
 *         .range("sum by (route) (rate(http_requests_total[5m]))", start, end, 60_000);
 * </pre>
 */
public final class QueryEngine {
    /** How far back an instant selector looks for a sample (Prometheus' default: 5 minutes). */
    public static final long LOOKBACK_MS = 300_000;
    /** Most steps of a range query (Prometheus' limit). */
    public static final int MAX_STEPS = 11_000;
    /** Most series one selector may select. */
    public static final int MAX_SERIES = 20_000;
    /** Most samples one query may read. */
    public static final long MAX_SAMPLES = 50_000_000;

    private final SeriesSource source;

    public QueryEngine(SeriesSource source) {
        this.source = source;
    }

    /** Evaluates at one time. */
    public QueryResult instant(String query, long timeMs) {
        return range(query, timeMs, timeMs, 1);
    }

    /** Evaluates at start, start + step, ... up to end. */
    public QueryResult range(String query, long startMs, long endMs, long stepMs) {
        Expr expr = QueryParser.parse(query);
        if (stepMs <= 0) {
            throw new QueryException("the step must be positive");
        }
        if (endMs < startMs) {
            throw new QueryException("the end of the range is before its start");
        }
        long count = (endMs - startMs) / stepMs + 1;
        if (count > MAX_STEPS) {
            throw new QueryException(
                    "the range has " + count + " steps; at most " + MAX_STEPS + " are allowed: use a larger step");
        }
        long[] steps = new long[(int) count];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = startMs + i * stepMs;
        }
        Evaluation ev = new Evaluation(steps);
        Value v = ev.eval(expr);
        if (v instanceof Value.Scalar s) {
            return new QueryResult(steps, List.of(new Row(new TreeMap<>(), s.values())), true, ev.samplesRead);
        }
        List<Row> rows = new ArrayList<>(((Value.Vector) v).rows().stream().filter(Row::present).toList());
        rows.sort(Comparator.comparing(r -> r.labels().toString()));
        return new QueryResult(steps, rows, false, ev.samplesRead);
    }

    /**
     * The series an instant selector such as {@code up{job="api"}} selects (Prometheus' {@code match[]});
     * QueryException for anything that is not a plain selector, or one selecting more than {@link #MAX_SERIES} series.
     */
    public List<OpsSeries> series(String selector) {
        Expr e = QueryParser.parse(selector);
        if (!(e instanceof Expr.Selector s) || s.rangeMs() > 0 || s.offsetMs() != 0) {
            throw new QueryException("'" + selector + "' is not a series selector: use a metric name with optional"
                    + " label matchers, e.g. up{job=\"api\"}");
        }
        List<OpsSeries> matching = source.series(s.name()).stream()
                .filter(series -> s.matchers().stream().allMatch(m -> m.matches(series.label(m.label())))).toList();
        if (matching.size() > MAX_SERIES) {
            throw new QueryException(selector + " selects " + matching.size() + " series; at most " + MAX_SERIES
                    + " are allowed: add label matchers");
        }
        return matching;
    }

    /** A value during evaluation: a number per step, or series with a value per step. */
    sealed interface Value {
        record Scalar(double[] values) implements Value {
        }

        record Vector(List<Row> rows) implements Value {
        }
    }

    private final class Evaluation {
        final long[] steps;
        long samplesRead;

        Evaluation(long[] steps) {
            this.steps = steps;
        }

        Value eval(Expr e) {
            return switch (e) {
                case Expr.NumberLit n -> {
                    double[] v = new double[steps.length];
                    Arrays.fill(v, n.value());
                    yield new Value.Scalar(v);
                }
                case Expr.Selector s -> {
                    if (s.rangeMs() > 0) {
                        throw new QueryException("a range selector (" + s.name() + "[..]) must be the argument of a"
                                + " function such as rate() or avg_over_time()");
                    }
                    yield new Value.Vector(select(s, null));
                }
                case Expr.Call c -> call(c);
                case Expr.Aggregate a -> Operators.aggregate(a, vector(eval(a.expr()), a.op()), steps.length);
                case Expr.Binary b -> Operators.binary(b, eval(b.lhs()), eval(b.rhs()), steps.length);
            };
        }

        private List<Row> vector(Value v, String where) {
            if (v instanceof Value.Vector vec) {
                return vec.rows();
            }
            throw new QueryException(where + " needs a vector (a selector or an expression over one), not a number");
        }

        private Value call(Expr.Call c) {
            String fn = c.function();
            if (QueryParser.RANGE_FUNCTIONS.contains(fn)) {
                return new Value.Vector(select((Expr.Selector) c.args().get(0), fn));
            }
            if (fn.equals("histogram_quantile")) {
                double q = ((Expr.NumberLit) c.args().get(0)).value();
                return new Value.Vector(
                        Operators.histogramQuantile(q, vector(eval(c.args().get(1)), fn), steps.length));
            }
            double arg = c.args().size() > 1 ? ((Expr.NumberLit) c.args().get(1)).value() : 0;
            List<Row> out = new ArrayList<>();
            for (Row r : vector(eval(c.args().get(0)), fn + "()")) {
                double[] v = new double[steps.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.isNaN(r.values()[i]) ? Double.NaN : Functions.apply(fn, r.values()[i], arg);
                }
                out.add(new Row(r.withoutName(), v));
            }
            return new Value.Vector(out);
        }

        /** The selector's series; with a range function, that function over each step's window. */
        private List<Row> select(Expr.Selector s, String function) {
            List<OpsSeries> matching = source.series(s.name()).stream()
                    .filter(series -> s.matchers().stream().allMatch(m -> m.matches(series.label(m.label())))).toList();
            if (matching.size() > MAX_SERIES) {
                throw new QueryException(s.name() + " selects " + matching.size() + " series; at most " + MAX_SERIES
                        + " are allowed: add label matchers");
            }
            long window = function == null ? LOOKBACK_MS : s.rangeMs();
            long from = steps[0] - s.offsetMs() - window;
            long to = steps[steps.length - 1] - s.offsetMs();
            List<OpsSamples> data = source.samples(matching, from + 1, to);
            List<Row> rows = new ArrayList<>(data.size());
            for (OpsSamples d : data) {
                samplesRead += d.size();
                if (samplesRead > MAX_SAMPLES) {
                    throw new QueryException("the query reads more than " + MAX_SAMPLES + " samples: narrow the time"
                            + " range or the selectors");
                }
                rows.add(new Row(labels(d.series(), function == null), values(d, s, window, function)));
            }
            return rows;
        }

        private double[] values(OpsSamples d, Expr.Selector s, long window, String function) {
            long[] t = d.times();
            double[] v = d.values();
            double[] out = new double[steps.length];
            for (int i = 0; i < steps.length; i++) {
                long end = steps[i] - s.offsetMs();
                long start = end - window;
                int hi = upperBound(t, end);
                if (function == null) {
                    out[i] = hi > 0 && t[hi - 1] > start ? v[hi - 1] : Double.NaN;
                } else {
                    int lo = upperBound(t, start);
                    out[i] = Functions.window(function, t, v, lo, hi, start, end);
                }
            }
            return out;
        }
    }

    /** Index of the first time greater than x. */
    static int upperBound(long[] t, long x) {
        int lo = 0;
        int hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static SortedMap<String, String> labels(OpsSeries s, boolean withName) {
        SortedMap<String, String> l = new TreeMap<>(s.labels());
        if (withName) {
            l.put("__name__", s.name());
        }
        return l;
    }
}
