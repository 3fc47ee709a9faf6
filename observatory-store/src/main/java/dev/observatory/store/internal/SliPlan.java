package dev.observatory.store.internal;

import dev.observatory.store.OpsStore;
import java.util.ArrayList;
import java.util.List;

/**
 * How an SLI window is read, shared by the backends: whole hours below the watermark from the hourly rollups, whole
 * 5-minute buckets below it from the 5-minute rollups, the rest (the window's edges, and everything after the
 * watermark) from the raw spans. The parts do not overlap and cover the window exactly.
 */
public final class SliPlan {
    public static final long HOUR_NANOS = 3_600_000_000_000L;

    /** Where a part is read from. */
    public enum Tier {
        RAW, FIVE_MINUTES, HOURLY
    }

    /** The spans (or buckets) that started in [from, to). */
    public record Part(Tier tier, long from, long to) {
    }

    private SliPlan() {
    }

    public static List<Part> of(long from, long to, long watermark) {
        List<Part> parts = new ArrayList<>();
        if (watermark == Long.MIN_VALUE) {
            add(parts, Tier.RAW, from, to);
            return parts;
        }
        long first = ceil(from, OpsStore.BUCKET_NANOS);
        long last = Math.min(floor(to, OpsStore.BUCKET_NANOS), watermark);
        if (first >= last) {
            add(parts, Tier.RAW, from, to);
            return parts;
        }
        add(parts, Tier.RAW, from, first);
        long hourFirst = ceil(first, HOUR_NANOS);
        long hourLast = Math.min(floor(last, HOUR_NANOS), floor(watermark, HOUR_NANOS));
        if (hourFirst < hourLast) {
            add(parts, Tier.FIVE_MINUTES, first, hourFirst);
            add(parts, Tier.HOURLY, hourFirst, hourLast);
            add(parts, Tier.FIVE_MINUTES, hourLast, last);
        } else {
            add(parts, Tier.FIVE_MINUTES, first, last);
        }
        add(parts, Tier.RAW, last, to);
        return parts;
    }

    private static void add(List<Part> parts, Tier tier, long from, long to) {
        if (from < to) {
            parts.add(new Part(tier, from, to));
        }
    }

    public static long floor(long t, long width) {
        return Math.floorDiv(t, width) * width;
    }

    public static long ceil(long t, long width) {
        return Math.ceilDiv(t, width) * width;
    }
}
