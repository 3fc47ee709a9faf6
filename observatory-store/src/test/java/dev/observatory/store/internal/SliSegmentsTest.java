package dev.observatory.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.store.OpsStore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SliSegmentsTest {
    static final long MINUTE = 60_000_000_000L;
    static final long HOUR = 60 * MINUTE;

    @Test
    void windowsEndingAtTheSameTimeReadTheirSharedEdgeOnceAndEachTierInOneRange() {
        long now = 1000 * HOUR + 17 * MINUTE + 13;
        long watermark = SliPlan.floor(now - 10 * MINUTE, OpsStore.BUCKET_NANOS);
        List<long[]> windows = new ArrayList<>();
        for (long minutes : new long[] { 5, 30, 60, 120, 360, 1440, 4320, 43200 }) {
            windows.add(new long[] { now - minutes * MINUTE, now });
        }
        SliSegments s = SliSegments.of(windows, watermark);
        assertThat(s.ranges().stream().filter(r -> r.tier() == SliPlan.Tier.HOURLY)).hasSize(1);
        // the recent edge after the watermark is one raw range, however many windows share it
        assertThat(s.ranges().stream().filter(r -> r.tier() == SliPlan.Tier.RAW && r.to() == now)).singleElement()
                .satisfies(r -> assertThat(r.from()).isEqualTo(watermark));
        assertThat(s.ranges().size()).as("scans of one statement").isLessThanOrEqualTo(2 * windows.size());
    }

    @Test
    void everyWindowIsExactlyTheUnionOfItsSegments() {
        SplittableRandom r = new SplittableRandom(3);
        for (int round = 0; round < 200; round++) {
            long now = 500 * HOUR + r.nextLong(10 * HOUR);
            long watermark = r.nextInt(4) == 0 ? Long.MIN_VALUE : now - r.nextLong(5 * HOUR);
            List<long[]> windows = new ArrayList<>();
            for (int i = 0; i < 1 + r.nextInt(8); i++) {
                long from = now - r.nextLong(48 * HOUR);
                windows.add(new long[] { from, r.nextBoolean() ? now : from + r.nextLong(now - from + 1) });
            }
            SliSegments s = SliSegments.of(windows, watermark);
            List<SliSegments.Segment> segments = s.segments();
            for (int w = 0; w < windows.size(); w++) {
                List<SliPlan.Part> plan = SliPlan.of(windows.get(w)[0], windows.get(w)[1], watermark);
                for (SliPlan.Part p : plan) {
                    long covered = 0;
                    for (int g : s.segmentsOf(w)) {
                        SliSegments.Segment seg = segments.get(g);
                        if (seg.tier() == p.tier() && seg.from() >= p.from() && seg.to() <= p.to()) {
                            covered += seg.to() - seg.from();
                        }
                    }
                    assertThat(covered).as("round %d window %d part %s", round, w, p).isEqualTo(p.to() - p.from());
                }
                long total = 0;
                for (int g : s.segmentsOf(w)) {
                    total += segments.get(g).to() - segments.get(g).from();
                }
                assertThat(total).isEqualTo(plan.stream().mapToLong(p -> p.to() - p.from()).sum());
            }
            for (SliSegments.Range range : s.ranges()) {
                long len = 0;
                for (SliSegments.Segment g : segments.subList(range.firstSegment(),
                        range.firstSegment() + range.innerBounds().size() + 1)) {
                    assertThat(g.tier()).isEqualTo(range.tier());
                    len += g.to() - g.from();
                }
                assertThat(len).as("a range is its contiguous segments").isEqualTo(range.to() - range.from());
            }
        }
    }
}
