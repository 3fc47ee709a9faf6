package dev.observatory.core.trace;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.TraceSummary;
import dev.observatory.model.trace.TracedSpan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the compact tree of a trace: depth-first order without recursion (traces can be deep), roots are spans without
 * a parent or whose parent has not arrived, and spans caught in a parent cycle are shown as roots too.
 */
final class TraceTrees {

    private TraceTrees() {
    }

    /** The view of a trace's spans (sorted by start); expands the given span ids. */
    static TraceView view(String traceId, List<TracedSpan> spans, Set<String> expand) {
        Map<String, TracedSpan> byId = new LinkedHashMap<>();
        spans.forEach(s -> byId.put(s.span().spanId(), s));
        Map<String, List<TracedSpan>> children = new HashMap<>();
        List<TracedSpan> roots = new ArrayList<>();
        for (TracedSpan s : spans) {
            String parent = s.span().parentSpanId();
            if (parent == null || !byId.containsKey(parent) || parent.equals(s.span().spanId())) {
                roots.add(s);
            } else {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(s);
            }
        }
        List<String> path = criticalPath(roots, children);
        Set<String> critical = new HashSet<>(path);
        long t0 = spans.stream().mapToLong(s -> s.span().startNanos()).min().orElse(0);
        List<SpanNode> nodes = new ArrayList<>(spans.size());
        Set<String> visited = new HashSet<>();
        for (TracedSpan root : roots) {
            walk(root, children, visited, critical, t0, nodes);
        }
        for (TracedSpan s : spans) { // spans in a parent cycle: never reached from a root
            if (!visited.contains(s.span().spanId())) {
                walk(s, children, visited, critical, t0, nodes);
            }
        }
        List<TracedSpan> expanded = new ArrayList<>();
        for (SpanNode n : nodes) {
            if (expand.contains(n.spanId())) {
                expanded.add(byId.get(n.spanId()));
            }
        }
        return new TraceView(TraceSummary.of(traceId, spans), nodes, path, expanded);
    }

    private static void walk(TracedSpan start, Map<String, List<TracedSpan>> children, Set<String> visited,
            Set<String> critical, long t0, List<SpanNode> out) {
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] { start, 0 });
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            TracedSpan s = (TracedSpan) top[0];
            int depth = (Integer) top[1];
            if (!visited.add(s.span().spanId())) {
                continue;
            }
            out.add(node(s, depth, critical.contains(s.span().spanId()), t0));
            List<TracedSpan> kids = children.getOrDefault(s.span().spanId(), List.of());
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(new Object[] { kids.get(i), depth + 1 });
            }
        }
    }

    private static SpanNode node(TracedSpan t, int depth, boolean critical, long t0) {
        Span s = t.span();
        return new SpanNode(s.spanId(), s.parentSpanId(), depth, s.name(), s.service(), s.kind(), s.status(),
                (s.startNanos() - t0) / 1e6, s.durationNanos() / 1e6, t.facts().model(), t.facts().toolName(),
                t.facts().totalTokens(), t.facts().costUsd(), t.facts().errorType(), critical);
    }

    /**
     * From the root that ends last, down the chain of children that end last: the spans the trace's end waited on.
     */
    static List<String> criticalPath(List<TracedSpan> roots, Map<String, List<TracedSpan>> children) {
        List<String> path = new ArrayList<>();
        TracedSpan at = lastEnding(roots);
        Set<String> seen = new HashSet<>();
        while (at != null && seen.add(at.span().spanId())) {
            path.add(at.span().spanId());
            at = lastEnding(children.getOrDefault(at.span().spanId(), List.of()));
        }
        return path;
    }

    private static TracedSpan lastEnding(List<TracedSpan> spans) {
        TracedSpan best = null;
        for (TracedSpan s : spans) {
            if (best == null || s.span().endNanos() > best.span().endNanos()) {
                best = s;
            }
        }
        return best;
    }

    /** The list row of a trace from its spans (same rules as the stores' trace lists). */
}
