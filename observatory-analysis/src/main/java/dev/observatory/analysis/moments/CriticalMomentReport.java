package dev.observatory.analysis.moments;

import dev.observatory.analysis.AnalysisStatus;
import dev.observatory.analysis.Direction;
import java.util.List;

/**
 * The critical moments of one curve, in step order.
 *
 * @param status
 *            OK; INSUFFICIENT_DATA when fewer than {@link CriticalMoments#MIN_POINTS} finite points precede a
 *            divergence (moments then holds only divergences); CONSTANT_SERIES when every finite value is the same
 *            (only divergences can be reported)
 * @param message
 *            why the status is not OK; empty when OK
 * @param direction
 *            the direction used
 * @param pointCount
 *            finite input points
 * @param analysedPoints
 *            points the change detectors saw (after bucketing long series, before any divergence)
 * @param logScale
 *            whether the detectors worked on log values (all values positive) or raw values
 * @param noise
 *            robust noise level of the analysed points (log units when logScale, else metric units); null when not OK
 * @param moments
 *            the moments found, ordered by step
 */
public record CriticalMomentReport(AnalysisStatus status, String message, Direction direction, int pointCount,
        int analysedPoints, boolean logScale, Double noise, List<CriticalMoment> moments) {
}
