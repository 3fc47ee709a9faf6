package dev.observatory.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * How several SLI windows are read together: the parts of every window's {@link SliPlan} are cut, per tier, into
 * elementary segments that do not overlap; contiguous segments form a {@link Range} that one scan reads (grouped by
 * segment), and a window's counts are the sum of the segments inside its parts. Windows that share an edge (all the
 * burn-rate windows of an SLO end at the same time) thus read that edge once.
 */
public final class SliSegments {

    /** Segment {@code index} of a tier: the spans (or buckets) that started in [from, to). */
    public record Segment(SliPlan.Tier tier, long from, long to) {
    }

    /**
     * Contiguous segments of one tier that one scan reads: [from, to) cut at {@code innerBounds} (sorted, strictly
     * inside), the segments numbered {@code firstSegment}, {@code firstSegment + 1}, ...
     */
    public record Range(SliPlan.Tier tier, long from, long to, List<Long> innerBounds, int firstSegment) {
        public Range {
            innerBounds = List.copyOf(innerBounds);
        }
    }

    private final List<Segment> segments = new ArrayList<>();
    private final List<Range> ranges = new ArrayList<>();
    private final List<int[]> perWindow = new ArrayList<>();

    private SliSegments() {
    }

    /** The segments of windows given as {from, to} pairs of epoch nanoseconds, for the rollups' watermark. */
    public static SliSegments of(List<long[]> windows, long watermark) {
        SliSegments s = new SliSegments();
        List<List<SliPlan.Part>> plans = new ArrayList<>();
        for (long[] w : windows) {
            plans.add(SliPlan.of(w[0], w[1], watermark));
        }
        for (SliPlan.Tier tier : SliPlan.Tier.values()) {
            List<SliPlan.Part> parts = plans.stream().flatMap(List::stream).filter(p -> p.tier() == tier).toList();
            s.cut(tier, parts);
        }
        for (List<SliPlan.Part> plan : plans) {
            s.perWindow.add(s.inside(plan));
        }
        return s;
    }

    private void cut(SliPlan.Tier tier, List<SliPlan.Part> parts) {
        TreeSet<Long> bounds = new TreeSet<>();
        for (SliPlan.Part p : parts) {
            bounds.add(p.from());
            bounds.add(p.to());
        }
        List<Long> b = new ArrayList<>(bounds);
        Long rangeFrom = null;
        List<Long> inner = new ArrayList<>();
        int first = 0;
        for (int i = 0; i + 1 < b.size(); i++) {
            long lo = b.get(i);
            long hi = b.get(i + 1);
            if (!covered(parts, lo, hi)) {
                if (rangeFrom != null) {
                    ranges.add(new Range(tier, rangeFrom, lo, inner, first));
                    rangeFrom = null;
                }
                continue;
            }
            if (rangeFrom == null) {
                rangeFrom = lo;
                inner = new ArrayList<>();
                first = segments.size();
            } else {
                inner.add(lo);
            }
            segments.add(new Segment(tier, lo, hi));
        }
        if (rangeFrom != null) {
            ranges.add(new Range(tier, rangeFrom, b.get(b.size() - 1), inner, first));
        }
    }

    private static boolean covered(List<SliPlan.Part> parts, long lo, long hi) {
        for (SliPlan.Part p : parts) {
            if (p.from() <= lo && hi <= p.to()) {
                return true;
            }
        }
        return false;
    }

    private int[] inside(List<SliPlan.Part> plan) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment g = segments.get(i);
            for (SliPlan.Part p : plan) {
                if (p.tier() == g.tier() && p.from() <= g.from() && g.to() <= p.to()) {
                    out.add(i);
                    break;
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every segment, by number. */
    public List<Segment> segments() {
        return List.copyOf(segments);
    }

    /** The scans to run: one per run of contiguous segments of a tier. */
    public List<Range> ranges() {
        return List.copyOf(ranges);
    }

    /** The numbers of the segments whose sum is window {@code w}'s counts. */
    public int[] segmentsOf(int w) {
        return perWindow.get(w).clone();
    }
}
