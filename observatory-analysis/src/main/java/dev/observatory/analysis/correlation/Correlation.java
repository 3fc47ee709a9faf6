package dev.observatory.analysis.correlation;

import dev.observatory.analysis.AnalysisStatus;

/**
 * Correlation of two metrics paired on equal steps.
 *
 * @param status
 *            OK, INSUFFICIENT_DATA (fewer than 3 common steps) or CONSTANT_SERIES (one side is constant over the common
 *            steps, so correlation is undefined); coefficients and p-values are null when not OK
 * @param message
 *            why the status is not OK; empty when OK
 * @param pairedPoints
 *            number of (a, b) pairs used at the reported lag
 * @param lag
 *            the lag in points of the step-aligned series: b at aligned position i + lag is paired with a at i
 *            (positive: b follows a); 0 without lag search
 * @param lagSteps
 *            the lag in steps, as the median step difference between the paired points (0 without lag)
 * @param pearson
 *            Pearson's r, -1..1
 * @param pearsonPValue
 *            two-sided p-value of r under H0: no correlation (t test with n - 2 degrees of freedom, as Commons Math)
 * @param spearman
 *            Spearman's rho (Pearson's r of the ranks, ties averaged), -1..1
 * @param spearmanPValue
 *            two-sided p-value of rho (the same t test on the ranks, as Commons Math)
 * @param spearmanPoints
 *            pairs Spearman was computed on: all of them up to {@link Correlations#MAX_SPEARMAN_PAIRS}, else every k-th
 *            pair (0 when not OK)
 */
public record Correlation(AnalysisStatus status, String message, int pairedPoints, int lag, long lagSteps,
        Double pearson, Double pearsonPValue, Double spearman, Double spearmanPValue, int spearmanPoints) {
}
