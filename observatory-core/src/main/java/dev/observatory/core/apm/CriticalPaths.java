package dev.observatory.core.apm;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.TracedSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The critical path of a trace: walking back from the end of the root span, the time is the root's own until the last
 * child to end before that point; then that child's path (recursively), then back to the root before the child started,
 * and so on. Every nanosecond of the root's duration is attributed to exactly one span, so the critical times sum to
 * the root's duration. Children that overlap a later child on the path are skipped (they did not hold the trace up).
 */
final class CriticalPaths {
    /** Deeper paths are cut: the remaining time stays with the span at this depth. */
    static final int MAX_DEPTH = 256;

    private CriticalPaths() {
    }

    /** The path of the trace whose root ends last, steps in path order (by depth first visit). */
    static Latency.CriticalPath of(String traceId, List<TracedSpan> spans) {
        Map<String, Span> byId = new HashMap<>();
        spans.forEach(s -> byId.put(s.span().spanId(), s.span()));
        Map<String, List<Span>> children = new HashMap<>();
        Span root = null;
        for (TracedSpan t : spans) {
            Span s = t.span();
            String parent = s.parentSpanId();
            if (parent == null || !byId.containsKey(parent) || parent.equals(s.spanId())) {
                if (root == null || s.endNanos() > root.endNanos()) {
                    root = s;
                }
            } else {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(s);
            }
        }
        if (root == null) {
            return new Latency.CriticalPath(traceId, 0, List.of());
        }
        children.values().forEach(l -> l.sort(Comparator.comparingLong(Span::endNanos).reversed()));
        Map<String, long[]> critical = new HashMap<>();
        List<Span> order = new ArrayList<>();
        Map<String, Integer> depth = new HashMap<>();
        walk(root, root.endNanos(), 0, children, critical, order, depth, new HashSet<>());
        List<Latency.Step> steps = new ArrayList<>();
        for (Span s : order) {
            steps.add(new Latency.Step(s.spanId(), s.service(), s.name(), depth.get(s.spanId()),
                    s.durationNanos() / 1e6, critical.get(s.spanId())[0] / 1e6));
        }
        return new Latency.CriticalPath(traceId, root.durationNanos() / 1e6, steps);
    }

    private static void walk(Span span, long until, int level, Map<String, List<Span>> children,
            Map<String, long[]> critical, List<Span> order, Map<String, Integer> depth, Set<String> seen) {
        if (!seen.add(span.spanId())) {
            return;
        }
        order.add(span);
        depth.put(span.spanId(), level);
        long[] own = critical.computeIfAbsent(span.spanId(), k -> new long[1]);
        long cursor = Math.min(until, span.endNanos());
        List<Span> kids = level >= MAX_DEPTH ? List.of() : children.getOrDefault(span.spanId(), List.of());
        for (Span child : kids) {
            if (cursor <= span.startNanos()) {
                break;
            }
            if (child.startNanos() >= cursor || seen.contains(child.spanId())) {
                continue; // started after the point we are at: it did not hold this part up
            }
            long childEnd = Math.min(child.endNanos(), cursor);
            own[0] += cursor - childEnd;
            walk(child, childEnd, level + 1, children, critical, order, depth, seen);
            cursor = Math.max(span.startNanos(), child.startNanos());
        }
        own[0] += Math.max(0, cursor - span.startNanos());
    }
}
