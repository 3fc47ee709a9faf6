package dev.observatory.core.analysis;

import dev.observatory.analysis.Direction;
import java.util.List;
import java.util.Map;

/**
 * Runs ranked by one metric, with score deltas to the winner (contract {@code docs/schemas/compare-runs.v1.json}).
 *
 * @param rankBy
 *            "last" (the metric's last value) or "best" (its best value)
 * @param ranking
 *            every run, best first; runs whose value is NaN rank last
 */
public record RunComparison(String metric, Direction direction, String rankBy, int comparedCount, Winner winner,
        List<RankedRun> ranking, BandSource bandSource) {

    /** The winner by the metric. */
    public record Winner(String runId, String name, double value) {
    }

    /**
     * One run of the ranking.
     *
     * @param value
     *            the metric value ranked on (null when NaN)
     * @param deltaToWinner
     *            score points against the winner (null for the winner itself)
     */
    public record RankedRun(int rank, String runId, String name, String status, Double value, Scores scores,
            String health, Delta deltaToWinner) {
    }

    /**
     * Score deltas of a run against the winner (this run minus the winner, in score points) and their bands.
     *
     * @param metricDelta
     *            this run's value minus the winner's, in metric units
     */
    public record Delta(double total, String totalBand, Map<String, Double> components,
            Map<String, String> componentBands, Double metricDelta, BandSource bandSource) {
    }
}
