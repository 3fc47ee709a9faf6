package dev.observatory.core.eval;

import dev.observatory.model.eval.EvalSubject;
import java.util.List;

/**
 * What a scorecard shows.
 *
 * @param policies
 *            the rows by reference; empty to take up to {@code maxPolicies} evaluated policies matching {@code filter}
 * @param filter
 *            the policy search when {@code policies} is empty (evaluated policies only)
 * @param evalNames
 *            the columns; empty for every evaluation the policies have the metric for (up to
 *            {@link Scorecards#MAX_EVALS})
 * @param sortByScore
 *            rows by mean over their cells, best first (higher is better unless {@code lowerIsBetter}); else as given
 *            or by name
 */
public record ScorecardRequest(List<EvalSubject> policies, PolicyFilter filter, int maxPolicies, List<String> evalNames,
        String metric, Aggregation aggregation, boolean sortByScore, boolean lowerIsBetter) {

    public ScorecardRequest {
        policies = policies == null ? List.of() : List.copyOf(policies);
        evalNames = evalNames == null ? List.of() : List.copyOf(evalNames);
        filter = filter == null ? PolicyFilter.any() : filter;
        aggregation = aggregation == null ? Aggregation.MEAN : aggregation;
    }
}
