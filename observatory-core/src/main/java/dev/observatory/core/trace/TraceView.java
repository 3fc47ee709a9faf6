package dev.observatory.core.trace;

import dev.observatory.model.trace.TraceSummary;
import dev.observatory.model.trace.TracedSpan;
import java.util.List;

/**
 * A trace as a compact tree first: {@code nodes} in depth-first order (children by start), the critical path, and the
 * full spans (attributes, events, links) only of the span ids asked to expand.
 *
 * @param criticalPath
 *            span ids from the root down the chain of last-finishing children: where the trace's end-to-end time went
 * @param expanded
 *            the requested spans in full, in node order; unknown ids are ignored
 */
public record TraceView(TraceSummary summary, List<SpanNode> nodes, List<String> criticalPath,
        List<TracedSpan> expanded) {

    public TraceView {
        nodes = List.copyOf(nodes);
        criticalPath = List.copyOf(criticalPath);
        expanded = List.copyOf(expanded);
    }
}
