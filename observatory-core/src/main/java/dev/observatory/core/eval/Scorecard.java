package dev.observatory.core.eval;

import java.util.List;

/**
 * A policy x evaluation heatmap of one metric. {@code values[p][e]} is the aggregated value of policy p on evaluation
 * e, NaN where the policy has no result for it ({@code counts[p][e] == 0}).
 *
 * @param policies
 *            the rows, in the order asked for (or sorted by score)
 * @param evals
 *            the columns, by name
 * @param rowMeans
 *            mean of each policy's present cells, NaN for a row without any
 * @param missing
 *            cells without a result
 * @param min
 *            smallest present value, NaN when none
 * @param max
 *            largest present value, NaN when none
 * @param resultsRead
 *            result rows the cells were computed from
 * @param truncatedEvals
 *            evaluations left out because of the column limit
 */
public record Scorecard(String metric, Aggregation aggregation, List<Policy> policies, List<String> evals,
        double[][] values, int[][] counts, double[] rowMeans, int missing, double min, double max, long resultsRead,
        int truncatedEvals) {

    public Scorecard {
        policies = List.copyOf(policies);
        evals = List.copyOf(evals);
    }
}
