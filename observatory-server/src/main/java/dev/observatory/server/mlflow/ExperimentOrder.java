package dev.observatory.server.mlflow;

import java.util.Comparator;
import java.util.List;

/** Order of experiment search results: the given order_by, then creation time (newest first), then id. */
final class ExperimentOrder {
    private ExperimentOrder() {
    }

    static Comparator<ExperimentEndpoints.Row> of(List<String> orderBy) {
        List<OrderBy> order = OrderBy.parse(orderBy, SearchFilter.EXPERIMENT_STRING_ATTRIBUTES,
                SearchFilter.EXPERIMENT_NUMERIC_ATTRIBUTES);
        Comparator<ExperimentEndpoints.Row> c = OrderBy.comparator(order, r -> r::value);
        return c.thenComparing(Comparator.comparingLong(ExperimentEndpoints.Row::creationTime).reversed())
                .thenComparingLong(r -> r.experiment().id());
    }
}
