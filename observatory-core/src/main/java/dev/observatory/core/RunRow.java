package dev.observatory.core;

import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import java.util.Map;

/** One row of a runs table: the run and the summaries of the requested metric keys it has. */
public record RunRow(Run run, Map<String, MetricSummary> metrics) {
}
