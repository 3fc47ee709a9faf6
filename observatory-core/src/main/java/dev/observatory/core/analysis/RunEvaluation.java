package dev.observatory.core.analysis;

import java.util.List;

/**
 * A run graded against a pass threshold.
 *
 * @param overallScore
 *            the overall score, 0-100
 * @param grade
 *            A (>= 90), B (>= 80), C (>= 70), D (>= 60) or F
 * @param passed
 *            overall score >= pass threshold and health not critical
 * @param passThreshold
 *            the threshold used
 * @param reasons
 *            why it did not pass (empty when it passed)
 */
public record RunEvaluation(String runId, double overallScore, String grade, boolean passed, double passThreshold,
        String health, Scores scores, List<String> reasons) {

    static String grade(double score) {
        return score >= 90 ? "A" : score >= 80 ? "B" : score >= 70 ? "C" : score >= 60 ? "D" : "F";
    }
}
