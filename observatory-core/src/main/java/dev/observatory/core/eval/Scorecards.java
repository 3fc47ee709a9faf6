package dev.observatory.core.eval;

import dev.observatory.core.Tracking;
import dev.observatory.model.eval.EvalMetricCount;
import dev.observatory.model.eval.EvalQuery;
import dev.observatory.model.eval.EvalAggregate;
import dev.observatory.model.eval.EvalSubject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds policy x evaluation scorecards of one metric: one store query aggregates the cells' results over episodes and
 * seeds (count, mean, min, max, last per policy and evaluation; served by the eval and subject indexes). A stateless
 * facade over a {@link Tracking}.
 */
public final class Scorecards {
    /** Most rows (policies) of one scorecard. */
    public static final int MAX_POLICIES = 500;
    /** Most columns (evaluations) of one scorecard. */
    public static final int MAX_EVALS = 100;

    private final Tracking tracking;

    public Scorecards(Tracking tracking) {
        this.tracking = tracking;
    }

    public Scorecard generate(ScorecardRequest req) {
        String metric = EvalChecks.metric(req.metric());
        if (req.maxPolicies() < 1 || req.maxPolicies() > MAX_POLICIES) {
            throw new IllegalArgumentException(
                    "max_policies must be between 1 and " + MAX_POLICIES + ", got " + req.maxPolicies());
        }
        if (req.policies().size() > MAX_POLICIES || req.evalNames().size() > MAX_EVALS) {
            throw new IllegalArgumentException("a scorecard has at most " + MAX_POLICIES + " policies and " + MAX_EVALS
                    + " evaluations, got " + req.policies().size() + " and " + req.evalNames().size());
        }
        req.evalNames().forEach(EvalChecks::evalName);
        List<Policy> policies = policies(req);
        List<EvalSubject> subjects = policies.stream().map(Policy::subject).toList();
        List<String> evals = new ArrayList<>(new LinkedHashSet<>(req.evalNames()));
        int truncated = 0;
        if (evals.isEmpty()) {
            TreeSet<String> names = new TreeSet<>();
            for (EvalMetricCount m : tracking.store().evals().metrics(new EvalQuery(subjects, null, metric, 1, 0))) {
                names.add(m.evalName());
            }
            evals.addAll(names);
            truncated = Math.max(0, evals.size() - MAX_EVALS);
            evals = new ArrayList<>(evals.subList(0, evals.size() - truncated));
            if (evals.isEmpty()) {
                throw new IllegalArgumentException(
                        "none of the " + policies.size() + " policies has results for metric '" + metric
                                + "': get_available_metrics shows the metrics they have");
            }
        }
        List<EvalAggregate> cells = tracking.store().evals()
                .aggregates(new EvalQuery(subjects, evals, metric, MAX_POLICIES * MAX_EVALS, 0));
        return build(metric, req, policies, evals, cells, truncated);
    }

    private List<Policy> policies(ScorecardRequest req) {
        Policies p = new Policies(tracking);
        if (!req.policies().isEmpty()) {
            return p.resolveAll(req.policies());
        }
        PolicyFilter f = req.filter();
        PolicyFilter evaluated = new PolicyFilter(f.nameContains(), f.type(), f.tags(), f.user(), f.project(), true);
        List<Policy> found = p.search(evaluated, Math.min(req.maxPolicies(), Policies.MAX_PAGE), null).items();
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no evaluated policy matches the filter: search_policies shows the"
                    + " policies, log_eval_results records results");
        }
        return found;
    }

    static Scorecard build(String metric, ScorecardRequest req, List<Policy> policies, List<String> evals,
            List<EvalAggregate> cells, int truncatedEvals) {
        Map<EvalSubject, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < policies.size(); i++) {
            rowOf.putIfAbsent(policies.get(i).subject(), i);
        }
        Map<String, Integer> colOf = new HashMap<>();
        for (int j = 0; j < evals.size(); j++) {
            colOf.put(evals.get(j), j);
        }
        double[][] values = new double[policies.size()][evals.size()];
        int[][] counts = new int[policies.size()][evals.size()];
        long read = 0;
        for (EvalAggregate c : cells) {
            Integer i = rowOf.get(c.subject());
            Integer j = colOf.get(c.evalName());
            if (i == null || j == null) {
                continue;
            }
            counts[i][j] = (int) Math.min(Integer.MAX_VALUE, c.count());
            read += c.count();
            values[i][j] = switch (req.aggregation()) {
                case MEAN -> c.mean();
                case MAX -> c.max();
                case MIN -> c.min();
                case LAST -> c.last();
            };
        }
        return finish(metric, req, policies, evals, values, counts, read, truncatedEvals);
    }

    private static Scorecard finish(String metric, ScorecardRequest req, List<Policy> policies, List<String> evals,
            double[][] acc, int[][] counts, long read, int truncatedEvals) {
        int n = policies.size();
        int m = evals.size();
        double[] rowMeans = new double[n];
        int missing = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            int present = 0;
            for (int j = 0; j < m; j++) {
                if (counts[i][j] == 0) {
                    acc[i][j] = Double.NaN;
                    missing++;
                    continue;
                }
                double v = acc[i][j];
                min = Double.isNaN(min) ? v : Math.min(min, v);
                max = Double.isNaN(max) ? v : Math.max(max, v);
                sum += v;
                present++;
            }
            rowMeans[i] = present == 0 ? Double.NaN : sum / present;
        }
        List<Policy> order = policies;
        if (req.sortByScore()) {
            Integer[] idx = new Integer[n];
            Arrays.setAll(idx, i -> i);
            Comparator<Integer> byScore = Comparator
                    .comparingDouble(i -> Double.isNaN(rowMeans[i]) ? Double.POSITIVE_INFINITY
                            : req.lowerIsBetter() ? rowMeans[i] : -rowMeans[i]);
            Arrays.sort(idx, byScore);
            double[][] v2 = new double[n][];
            int[][] c2 = new int[n][];
            double[] r2 = new double[n];
            List<Policy> p2 = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                v2[k] = acc[idx[k]];
                c2[k] = counts[idx[k]];
                r2[k] = rowMeans[idx[k]];
                p2.add(policies.get(idx[k]));
            }
            return new Scorecard(metric, req.aggregation(), p2, evals, v2, c2, r2, missing, min, max, read,
                    truncatedEvals);
        }
        return new Scorecard(metric, req.aggregation(), order, evals, acc, counts, rowMeans, missing, min, max, read,
                truncatedEvals);
    }
}
