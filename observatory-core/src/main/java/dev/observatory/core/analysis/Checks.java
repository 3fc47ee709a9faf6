package dev.observatory.core.analysis;

import dev.observatory.analysis.Curve;
import dev.observatory.core.Tracking;
import dev.observatory.model.MetricSummary;
import java.util.List;

/** Input checks shared by the analyses: every failure is an IllegalArgumentException that says what to do instead. */
final class Checks {
    private Checks() {
    }

    /** The summary of a metric, or IllegalArgumentException naming the keys the run does have. */
    static MetricSummary summary(String runId, List<MetricSummary> summaries, String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("metric key must not be empty");
        }
        return summaries.stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("run " + runId + " has no metric '" + key + "'"
                        + (summaries.isEmpty() ? "; it has no metrics at all"
                                : "; its metrics are " + keys(summaries) + " (list_metrics shows them)")));
    }

    /** Summaries of a run; IllegalArgumentException when the run has no metrics. */
    static List<MetricSummary> summaries(Tracking tracking, String runId) {
        List<MetricSummary> s = tracking.metricSummaries(runId);
        if (s.isEmpty()) {
            throw new IllegalArgumentException(
                    "run " + runId + " has no metrics yet: there is nothing to analyse until it logs some");
        }
        return s;
    }

    /**
     * A series an analysis can work on: at least 3 finite points, not every value the same. The message names the run
     * and the metric and says what is wrong.
     */
    static Curve usable(SeriesData data) {
        Curve c = Curve.of(data.steps(), data.values());
        String what = "metric '" + data.key() + "' of run " + data.runId();
        if (c.size() == 0 && data.size() > 0) {
            throw new IllegalArgumentException(what + " has only NaN/infinite values (" + data.size()
                    + " points): the run diverged from its first step or logged nothing usable");
        }
        if (c.size() < 3) {
            throw new IllegalArgumentException(what + " has " + c.size()
                    + " finite point(s); the analysis needs at least 3: wait for more steps or pick another metric");
        }
        double first = c.values()[0];
        for (double v : c.values()) {
            if (v != first) {
                return c;
            }
        }
        throw new IllegalArgumentException(what + " is constant (every one of its " + c.size() + " values is " + first
                + "): it has no trend, moments or correlation; pick a metric that changes");
    }

    static String keys(List<MetricSummary> summaries) {
        List<String> k = summaries.stream().map(MetricSummary::key).limit(20).toList();
        return String.join(", ", k) + (summaries.size() > 20 ? ", ..." : "");
    }

    static void range(String name, long value, long lo, long hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(name + " must be between " + lo + " and " + hi + ", got " + value);
        }
    }
}
