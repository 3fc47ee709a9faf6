package dev.observatory.core.opsmetrics.query;

import java.util.List;

/** Argument checks and the per-window math of the functions. */
final class Functions {
    private Functions() {
    }

    /** The call, when its arguments fit the function; QueryException otherwise. */
    static Expr check(String name, List<Expr> args) {
        if (QueryParser.RANGE_FUNCTIONS.contains(name)) {
            if (args.size() != 1 || !(args.get(0) instanceof Expr.Selector s) || s.rangeMs() <= 0) {
                throw new QueryException(name + "() takes one range selector, e.g. " + name + "(metric[5m])");
            }
        } else if (name.equals("histogram_quantile")) {
            if (args.size() != 2 || !(args.get(0) instanceof Expr.NumberLit)) {
                throw new QueryException("histogram_quantile() takes a quantile and a vector of buckets with an le"
                        + " label, e.g. histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))");
            }
            rejectRange(name, args.get(1));
        } else if (name.equals("clamp_min") || name.equals("clamp_max")) {
            if (args.size() != 2 || !(args.get(1) instanceof Expr.NumberLit)) {
                throw new QueryException(name + "() takes a vector and a number");
            }
            rejectRange(name, args.get(0));
        } else {
            if (args.size() != 1) {
                throw new QueryException(name + "() takes one argument");
            }
            rejectRange(name, args.get(0));
        }
        return new Expr.Call(name, List.copyOf(args));
    }

    private static void rejectRange(String name, Expr e) {
        if (e instanceof Expr.Selector s && s.rangeMs() > 0) {
            throw new QueryException(name + "() takes an instant vector, not a range; wrap it, e.g. rate(...)");
        }
    }

    /** A range function over the samples t[lo..hi) of the window (start, end]; NaN when it has no value. */
    static double window(String fn, long[] t, double[] v, int lo, int hi, long start, long end) {
        int n = hi - lo;
        if (n == 0) {
            return Double.NaN;
        }
        switch (fn) {
            case "rate":
                return extrapolated(t, v, lo, hi, start, end, true, true);
            case "increase":
                return extrapolated(t, v, lo, hi, start, end, true, false);
            case "delta":
                return extrapolated(t, v, lo, hi, start, end, false, false);
            case "irate":
                if (n < 2) {
                    return Double.NaN;
                }
                double last = v[hi - 1];
                double prev = v[hi - 2];
                double dv = last < prev ? last : last - prev;
                return dv / ((t[hi - 1] - t[hi - 2]) / 1000.0);
            case "last_over_time":
                return v[hi - 1];
            case "count_over_time":
                return n;
            default:
                return over(fn, v, lo, hi);
        }
    }

    private static double over(String fn, double[] v, int lo, int hi) {
        double acc = fn.equals("min_over_time") ? Double.POSITIVE_INFINITY
                : fn.equals("max_over_time") ? Double.NEGATIVE_INFINITY : 0;
        for (int i = lo; i < hi; i++) {
            acc = switch (fn) {
                case "min_over_time" -> Math.min(acc, v[i]);
                case "max_over_time" -> Math.max(acc, v[i]);
                default -> acc + v[i];
            };
        }
        return fn.equals("avg_over_time") ? acc / (hi - lo) : acc;
    }

    /**
     * Prometheus' extrapolated rate: the increase between the first and last sample (for counters, adding back the
     * value before each reset), extrapolated towards the window's edges (at most half an average sample interval beyond
     * a sample, and never below zero for a counter), per second for a rate.
     */
    static double extrapolated(long[] t, double[] v, int lo, int hi, long start, long end, boolean counter,
            boolean perSecond) {
        if (hi - lo < 2) {
            return Double.NaN;
        }
        double first = v[lo];
        double result = v[hi - 1] - first;
        if (counter) {
            for (int i = lo + 1; i < hi; i++) {
                if (v[i] < v[i - 1]) {
                    result += v[i - 1];
                }
            }
        }
        double toStart = (t[lo] - start) / 1000.0;
        double toEnd = (end - t[hi - 1]) / 1000.0;
        double sampled = (t[hi - 1] - t[lo]) / 1000.0;
        double average = sampled / (hi - lo - 1);
        if (counter && result > 0 && first >= 0) {
            double toZero = sampled * (first / result);
            if (toZero < toStart) {
                toStart = toZero;
            }
        }
        double threshold = average * 1.1;
        double interval = sampled + (toStart < threshold ? toStart : average / 2)
                + (toEnd < threshold ? toEnd : average / 2);
        result = result * (interval / sampled);
        return perSecond ? result / ((end - start) / 1000.0) : result;
    }

    /** An element-wise function of a vector. */
    static double apply(String fn, double x, double arg) {
        return switch (fn) {
            case "abs" -> Math.abs(x);
            case "ceil" -> Math.ceil(x);
            case "floor" -> Math.floor(x);
            case "sqrt" -> Math.sqrt(x);
            case "exp" -> Math.exp(x);
            case "ln" -> Math.log(x);
            case "clamp_min" -> Math.max(x, arg);
            case "clamp_max" -> Math.min(x, arg);
            default -> throw new QueryException("unknown function " + fn);
        };
    }
}
