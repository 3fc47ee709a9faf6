package dev.observatory.core.analysis;

import java.util.List;

/**
 * The latest window of some metrics and what changed since a step.
 *
 * @param sinceStep
 *            the step compared against (null: the start of the window)
 * @param nextSinceStep
 *            pass as since_step next time to see only what is new
 * @param newErrorLines
 *            ERROR log lines after since_step's time, counted over the last 1,000 ERROR lines
 */
public record WatchReport(RunRef run, Long sinceStep, Long nextSinceStep, List<Watched> metrics, int newErrorLines,
        String heartbeatAt) {

    /**
     * One metric.
     *
     * @param valueAtSince
     *            last value at or before since_step (null without since_step or before the first point)
     * @param change
     *            latest minus valueAtSince
     * @param relativeChange
     *            change / |valueAtSince|
     * @param nonFiniteSince
     *            NaN/Inf points after since_step in the window
     * @param window
     *            the last points (M4-downsampled when the window holds more points than asked)
     */
    public record Watched(String key, long points, Long latestStep, Double latest, Double valueAtSince, Double change,
            Double relativeChange, int newPoints, int nonFiniteSince, boolean windowSampled,
            List<CurveReport.CurvePoint> window) {
    }
}
