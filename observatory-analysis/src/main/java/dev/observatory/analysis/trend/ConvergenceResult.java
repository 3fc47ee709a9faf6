package dev.observatory.analysis.trend;

import dev.observatory.analysis.AnalysisStatus;
import dev.observatory.analysis.Direction;

/**
 * Whether a curve has converged: the relative improvement of its smoothed value over a trailing window of steps stayed
 * below {@code threshold} from {@code convergedAtStep} to the end.
 *
 * @param status
 *            OK, INSUFFICIENT_DATA (fewer than 3 finite points, or the run is shorter than one window) or
 *            CONSTANT_SERIES (converged at the first step by definition)
 * @param message
 *            why the status is not OK; empty when OK
 * @param direction
 *            the direction used
 * @param converged
 *            whether the curve is converged at its last point
 * @param convergedAtStep
 *            the first step from which the trailing-window improvement stayed below the threshold; null when not
 *            converged or not OK
 * @param lastRelativeImprovement
 *            relative improvement over the last window (fraction; 0.02 = 2% better than one window earlier; negative =
 *            worse); null when not OK
 * @param threshold
 *            the threshold used (fraction)
 * @param windowSteps
 *            the trailing window, in steps
 */
public record ConvergenceResult(AnalysisStatus status, String message, Direction direction, boolean converged,
        Long convergedAtStep, Double lastRelativeImprovement, double threshold, long windowSteps) {
}
