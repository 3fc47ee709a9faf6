package dev.observatory.server.mlflow;

import dev.observatory.model.RunStatus;
import dev.observatory.server.mlflow.SearchFilter.Clause;
import dev.observatory.server.mlflow.SearchFilter.Type;
import dev.observatory.store.RunQuery;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What of a run search the store's query can do itself: metric thresholds, param equality and status equality as
 * filters, and (for one experiment) an order by one metric or by start time. The rest (tags, LIKE, IN, IS NULL, deleted
 * runs, other orders) is left to the caller, in memory.
 */
record SearchPlan(Set<RunStatus> statuses, Map<String, String> params, List<RunQuery.MetricFilter> metrics, String sort,
        boolean descending, boolean ordered, List<Clause> residual) {

    static final int READ_PAGE = 1000;

    static SearchPlan of(List<Clause> clauses, List<OrderBy> order, boolean oneExperiment) {
        Set<RunStatus> statuses = null;
        Map<String, String> params = new LinkedHashMap<>();
        List<RunQuery.MetricFilter> metrics = new ArrayList<>();
        List<Clause> residual = new ArrayList<>();
        for (Clause c : clauses) {
            Type t = c.entity().type();
            String key = c.entity().key();
            if (t == Type.METRIC && c.value() instanceof Double d && !d.isNaN()) {
                metrics.add(new RunQuery.MetricFilter(key, c.op(), d));
            } else if (t == Type.PARAM && c.op().equals("=") && !key.contains(".") && !params.containsKey(key)
                    && !"None".equals(c.value())) {
                params.put(key, (String) c.value());
            } else if (t == Type.ATTRIBUTE && key.equals("status") && c.op().equals("=")) {
                Set<RunStatus> s = statuses((String) c.value());
                if (statuses != null) {
                    s.retainAll(statuses);
                }
                statuses = s;
            } else {
                residual.add(c);
            }
        }
        String sort = "started_at";
        boolean desc = true;
        boolean ordered = oneExperiment && order.isEmpty();
        if (oneExperiment && order.size() == 1) {
            OrderBy o = order.get(0);
            if (o.entity().type() == Type.METRIC) {
                sort = "metric:" + o.entity().key();
                desc = !o.ascending();
                ordered = true;
            } else if (o.entity().type() == Type.ATTRIBUTE && o.entity().key().equals("start_time")) {
                desc = !o.ascending();
                ordered = true;
            }
        }
        return new SearchPlan(statuses, params, metrics, sort, desc, ordered, residual);
    }

    /** The Observatory statuses an MLflow status names (FAILED covers crashed runs); unknown names match none. */
    private static Set<RunStatus> statuses(String mlflow) {
        Set<RunStatus> s = EnumSet.noneOf(RunStatus.class);
        for (RunStatus r : RunStatus.values()) {
            if (Views.status(r).equalsIgnoreCase(mlflow)) {
                s.add(r);
            }
        }
        return s;
    }

    /** No run can match (a status no run has): the store need not be asked. */
    boolean empty() {
        return statuses != null && statuses.isEmpty();
    }

    RunQuery query(String project, long offset, int limit) {
        return query(project, offset, limit, List.of());
    }

    /** The same query restricted to runs carrying every one of {@code labels}. */
    RunQuery query(String project, long offset, int limit, List<String> labels) {
        return new RunQuery(project, statuses, labels, params, metrics, null, sort, descending, limit, offset);
    }
}
