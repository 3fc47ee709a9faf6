package dev.observatory.store.jdbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where an append's points go: a size-tiered merge of the series' small trailing chunks, so that appends of any size
 * end up in chunks of at least {@link #SEALED_POINTS} points while every point is rewritten only a few times.
 * <p>
 * A chunk of {@code >= SEALED_POINTS} points is sealed and never rewritten. The unsealed trailing chunks (the "tail",
 * at most a few dozen rows) fall into tiers by size: [1, 8), [8, 64), [64, 512). An append becomes a new last entry;
 * then, repeatedly, an entry absorbs the entries before it whose tier is lower (so tiers never increase towards the
 * end), and {@link #FAN_IN} entries of one tier at the end merge into one. Entries larger than {@code maxPoints} are
 * split into chunks of {@code maxPoints} and a remainder. So a batch of 512+ points rewrites at most the small tail
 * before it, and a stream of one-point appends rewrites each point about three times (tier 0 to 1, 1 to 2, 2 to sealed)
 * instead of once per append.
 *
 * @param keep
 *            how many of the current tail chunks stay as they are
 * @param sizes
 *            the sizes of the chunks to write after those: the points of the other tail chunks followed by the new
 *            points, in ingest order
 * @param tail
 *            the tail after the append: the sizes of the trailing unsealed chunks
 */
record PgChunkPlan(int keep, List<Integer> sizes, int[] tail) {

    static final int SEALED_POINTS = 512;
    static final int FAN_IN = 8;
    private static final int SEALED_TIER = 3;

    static PgChunkPlan of(int[] tail, int newPoints, int maxPoints) {
        List<Integer> entries = new ArrayList<>();
        for (int n : tail) {
            entries.add(n);
        }
        entries.add(newPoints);
        int keep = tail.length;
        while (true) {
            int last = entries.size() - 1;
            if (last >= 1 && tier(entries.get(last - 1)) < tier(entries.get(last))) {
                mergeFrom(entries, last - 1);
            } else if (last + 1 >= FAN_IN && sameTierAtEnd(entries) && tier(entries.get(last)) < SEALED_TIER) {
                mergeFrom(entries, last + 1 - FAN_IN);
            } else {
                break;
            }
            keep = Math.min(keep, entries.size() - 1);
        }
        List<Integer> sizes = new ArrayList<>();
        for (int n : entries.subList(keep, entries.size())) {
            for (; n > maxPoints; n -= maxPoints) {
                sizes.add(maxPoints);
            }
            sizes.add(n);
        }
        return new PgChunkPlan(keep, sizes, newTail(entries.subList(0, keep), sizes));
    }

    /** 0 for [1, 8), 1 for [8, 64), 2 for [64, 512), 3 for sealed chunks. */
    static int tier(int points) {
        if (points >= SEALED_POINTS) {
            return SEALED_TIER;
        }
        return (31 - Integer.numberOfLeadingZeros(points)) / 3;
    }

    private static boolean sameTierAtEnd(List<Integer> entries) {
        int t = tier(entries.get(entries.size() - 1));
        for (int i = entries.size() - FAN_IN; i < entries.size(); i++) {
            if (tier(entries.get(i)) != t) {
                return false;
            }
        }
        return true;
    }

    private static void mergeFrom(List<Integer> entries, int from) {
        int sum = 0;
        while (entries.size() > from) {
            sum += entries.remove(entries.size() - 1);
        }
        entries.add(sum);
    }

    private static int[] newTail(List<Integer> kept, List<Integer> written) {
        List<Integer> all = new ArrayList<>(kept);
        all.addAll(written);
        int start = all.size();
        while (start > 0 && all.get(start - 1) < SEALED_POINTS) {
            start--;
        }
        return all.subList(start, all.size()).stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgChunkPlan p && p.keep == keep && p.sizes.equals(sizes) && Arrays.equals(p.tail, tail);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * keep + sizes.hashCode()) + Arrays.hashCode(tail);
    }

    @Override
    public String toString() {
        return "PgChunkPlan[keep=" + keep + ", sizes=" + sizes + ", tail=" + Arrays.toString(tail) + "]";
    }
}
