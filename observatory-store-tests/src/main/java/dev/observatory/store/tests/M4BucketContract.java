package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.Run;
import dev.observatory.model.SeriesBucket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where M4 bucket edges lie (docs/decisions/0042-m4-aligned-buckets.md) and that every bucket holds exactly the first,
 * last, minimum and maximum of its points, on random series with NaN/±Inf, irregular steps and zoomed windows.
 */
abstract class M4BucketContract extends StorageFixture {

    Run run;

    @BeforeEach
    void aRun() {
        project("vision");
        run = run("vision", "r");
    }

    private List<SeriesBucket> downsample(long from, long to, int buckets) {
        return storage.metrics().downsample(run.id(), "loss", from, to, buckets);
    }

    @Test
    void theEdgesOfALongSeriesAreTheEqualWidthEdgesMovedUpToAMultipleOfTheCell() {
        int n = 200_000;
        append(run.id(), "loss", series(n, step -> Math.sin(step / 3000.0) + step * 1e-6));

        for (int buckets : new int[] { 100, 300, 1000 }) {
            long align = M4Reference.align(0, n - 1, buckets);
            List<SeriesBucket> chart = downsample(Long.MIN_VALUE, Long.MAX_VALUE, buckets);

            assertThat(chart).as("%d buckets", buckets).hasSize(buckets);
            assertThat(chart.getFirst().firstStep()).isZero();
            for (int i = 1; i < buckets; i++) {
                long equalWidthEdge = ceilDiv((long) i * n, buckets);
                long edge = ceilDiv(equalWidthEdge, align) * align;
                assertThat(chart.get(i).firstStep()).as("edge %d of %d buckets", i, buckets).isEqualTo(edge);
                assertThat(chart.get(i - 1).lastStep()).isEqualTo(edge - 1);
                assertThat(edge - equalWidthEdge).isLessThan((long) n / buckets / 8 + 1);
            }
        }
        assertThat(M4Reference.align(0, n - 1, 100)).isEqualTo(128);
        assertThat(M4Reference.align(0, n - 1, 1000)).isEqualTo(16);
        assertThat(M4Reference.align(0, 999, 1000)).isEqualTo(1);
    }

    @Test
    void aShortRangeKeepsEqualWidthBuckets() {
        append(run.id(), "loss", series(100, step -> step % 7));

        List<SeriesBucket> chart = downsample(0, 99, 7);

        assertThat(chart).extracting(SeriesBucket::firstStep).containsExactly(0L, 15L, 29L, 43L, 58L, 72L, 86L);
    }

    @Test
    void aRangeWiderThanALongChartsExactlyAsM4() {
        MetricColumns wide = columns(new long[] { Long.MIN_VALUE / 2, Long.MIN_VALUE / 3, -1L << 40, -3, 0, 4, 1L << 50,
                Long.MAX_VALUE / 3, Long.MAX_VALUE / 2 }, new double[] { 1, 9, 2, Double.NaN, 3, 7, 4, 6, 5 });
        append(run.id(), "loss", wide);

        for (int buckets : new int[] { 1, 3, 7, 1000 }) {
            assertThat(downsample(Long.MIN_VALUE, Long.MAX_VALUE, buckets)).as("%d buckets", buckets)
                    .containsExactlyElementsOf(M4Reference.clamped(wide, Long.MIN_VALUE, Long.MAX_VALUE, buckets));
        }
        assertThat(downsample(-5, Long.MAX_VALUE, 3))
                .containsExactlyElementsOf(M4Reference.clamped(wide, -5, Long.MAX_VALUE, 3));
    }

    @Test
    void randomSeriesWithNonFiniteValuesAndIrregularStepsChartExactlyAsM4InAnyWindow() {
        Random random = new Random(20261122);
        MetricColumns all = irregular(random, 100_000);
        appendInRandomBatches(all, random);
        long first = all.steps()[0];
        long last = all.steps()[all.size() - 1];

        for (int buckets : new int[] { 1, 7, 20, 100, 257, 1000 }) {
            assertThat(downsample(Long.MIN_VALUE, Long.MAX_VALUE, buckets)).as("whole series, %d buckets", buckets)
                    .containsExactlyElementsOf(M4Reference.clamped(all, first, last, buckets));
        }
        List<long[]> windows = new ArrayList<>(List.of(new long[] { first + 3, last - 5 },
                new long[] { first - 1000, first + 70_000 }, new long[] { last - 90_000, last + 10 },
                new long[] { first + 1, first + 1 }, new long[] { last + 1, last + 100 }));
        for (int i = 0; i < 20; i++) {
            long a = first - 100 + (long) (random.nextDouble() * (last - first + 200));
            long b = first - 100 + (long) (random.nextDouble() * (last - first + 200));
            windows.add(new long[] { Math.min(a, b), Math.max(a, b) });
        }
        for (long[] w : windows) {
            int buckets = new int[] { 5, 20, 50, 300, 1000 }[random.nextInt(5)];
            assertThat(downsample(w[0], w[1], buckets)).as("[%d, %d] in %d buckets", w[0], w[1], buckets)
                    .containsExactlyElementsOf(M4Reference.clamped(all, w[0], w[1], buckets));
        }
    }

    /**
     * Strictly increasing steps from a negative start with gaps of 1 to 6 and a few jumps of thousands; Gaussian values
     * with NaN, +Inf and -Inf sprinkled in and a stretch of NaN only.
     */
    private static MetricColumns irregular(Random random, int n) {
        long[] steps = new long[n];
        double[] values = new double[n];
        long step = -123_457;
        for (int i = 0; i < n; i++) {
            step += random.nextInt(50_000) == 0 ? 5_000 + random.nextInt(5_000) : 1 + random.nextInt(6);
            steps[i] = step;
            int kind = random.nextInt(40);
            boolean nanStretch = i >= 60_000 && i < 61_500;
            values[i] = nanStretch || kind == 0 ? Double.NaN
                    : kind == 1 ? Double.POSITIVE_INFINITY
                            : kind == 2 ? Double.NEGATIVE_INFINITY : random.nextGaussian() + i * 1e-5;
        }
        return columns(steps, values);
    }

    /** A first batch of 20,000 points, then batches of 1 to 20,000, some sent before the batch that precedes them. */
    private void appendInRandomBatches(MetricColumns all, Random random) {
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < all.size();) {
            int size = from == 0 ? 20_000 : 1 + random.nextInt(20_000);
            int to = Math.min(all.size(), from + size);
            batches.add(new int[] { from, to });
            from = to;
        }
        for (int i = 4; i + 1 < batches.size(); i += 3) {
            int[] b = batches.get(i);
            batches.set(i, batches.get(i + 1));
            batches.set(i + 1, b);
        }
        for (int[] b : batches) {
            append(run.id(), "loss",
                    columns(Arrays.copyOfRange(all.steps(), b[0], b[1]), Arrays.copyOfRange(all.values(), b[0], b[1])));
        }
    }

    private static long ceilDiv(long a, long b) {
        return Math.ceilDiv(a, b);
    }
}
