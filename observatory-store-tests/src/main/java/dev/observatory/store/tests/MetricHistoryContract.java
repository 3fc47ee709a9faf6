package dev.observatory.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.MetricColumns;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.Run;
import dev.observatory.model.SeriesBucket;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading metric history: raw pages and M4 downsampling for charts. */
abstract class MetricHistoryContract extends StorageFixture {

    static final double NAN = Double.NaN;
    static final double INF = Double.POSITIVE_INFINITY;

    Run run;

    @BeforeEach
    void aRun() {
        project("vision");
        run = run("vision", "r");
    }

    private List<MetricPoint> read(long from, long to, long offset, int limit) {
        return storage.metrics().read(run.id(), "loss", from, to, offset, limit);
    }

    private List<SeriesBucket> downsample(long from, long to, int buckets) {
        return storage.metrics().downsample(run.id(), "loss", from, to, buckets);
    }

    @Test
    void readsAnInclusiveRangeOfSteps() {
        append(run.id(), "loss", series(100, step -> step * 0.5));

        assertThat(read(10, 19, 0, 1000)).extracting(MetricPoint::step)
                .containsExactlyElementsOf(LongStream.rangeClosed(10, 19).boxed().toList());
        assertThat(read(10, 10, 0, 1000)).containsExactly(new MetricPoint(10, 5, T0_MS + 10));
    }

    @Test
    void pagesRawPointsWithOffsetAndLimit() {
        append(run.id(), "loss", series(100, step -> step));

        assertThat(read(0, 99, 20, 5)).extracting(MetricPoint::step).containsExactly(20L, 21L, 22L, 23L, 24L);
        assertThat(read(50, 99, 45, 10)).extracting(MetricPoint::step).containsExactly(95L, 96L, 97L, 98L, 99L);
        assertThat(read(0, 99, 100, 10)).isEmpty();
    }

    @Test
    void readsPointsOrderedByStepThenIngestOrder() {
        append(run.id(), "loss", columns(new long[] { 3, 1, 2, 1 }, new double[] { 30, 10, 20, 11 }));

        assertThat(read(Long.MIN_VALUE, Long.MAX_VALUE, 0, 10)).extracting(MetricPoint::value).containsExactly(10.0,
                11.0, 20.0, 30.0);
    }

    @Test
    void readOfAnUnknownKeyIsEmpty() {
        append(run.id(), "loss", series(10, step -> step));

        assertThat(storage.metrics().read(run.id(), "acc", 0, 100, 0, 100)).isEmpty();
        assertThat(storage.metrics().downsample(run.id(), "acc", 0, 100, 10)).isEmpty();
    }

    @Test
    void downsamplesAKnownSeriesExactlyAsM4() {
        MetricColumns noise = seededNoise(100);
        append(run.id(), "loss", noise);

        assertThat(downsample(0, 99, 10)).containsExactlyElementsOf(M4Reference.buckets(noise, 0, 99, 10));
        assertThat(downsample(3, 96, 7)).containsExactlyElementsOf(M4Reference.buckets(noise, 3, 96, 7));
    }

    @Test
    void aDownsampledSeriesHasAtMostTheRequestedBucketsInStepOrder() {
        MetricColumns noise = seededNoise(1000);
        append(run.id(), "loss", noise);

        for (int buckets : new int[] { 1, 7, 10, 333, 999, 1000, 5000 }) {
            List<SeriesBucket> result = downsample(0, 999, buckets);

            assertThat(result).as("%d buckets", buckets).hasSizeLessThanOrEqualTo(buckets);
            assertThat(result.stream().mapToLong(SeriesBucket::count).sum()).isEqualTo(1000);
            assertThat(result).extracting(SeriesBucket::firstStep).isSorted();
            for (SeriesBucket b : result) {
                assertThat(b.first()).isBetween(b.min(), b.max());
                assertThat(b.last()).isBetween(b.min(), b.max());
                assertThat(b.minStep()).isBetween(b.firstStep(), b.lastStep());
                assertThat(b.maxStep()).isBetween(b.firstStep(), b.lastStep());
            }
        }
    }

    @Test
    void keepsTheExtremesOfEveryBucket() {
        double[] values = new double[1000];
        values[123] = -50;
        values[777] = 80;
        append(run.id(), "loss", stepsFrom(0, values));

        List<SeriesBucket> result = downsample(0, 999, 10);

        assertThat(result).anySatisfy(b -> assertThat(b.min()).isEqualTo(-50));
        assertThat(result).anySatisfy(b -> assertThat(b.max()).isEqualTo(80));
        assertThat(result.stream().filter(b -> b.min() == -50).findFirst().orElseThrow().minStep()).isEqualTo(123);
        assertThat(result.stream().filter(b -> b.max() == 80).findFirst().orElseThrow().maxStep()).isEqualTo(777);
    }

    @Test
    void downsamplingCountsNaNAndInfinitiesAndKeepsThemOutOfMinAndMax() {
        append(run.id(), "loss", stepsFrom(0, NAN, 5, INF, 3, -INF, NAN, NAN, INF, NAN, -INF));

        List<SeriesBucket> result = downsample(0, 9, 2);

        assertThat(result).hasSize(2);
        assertThat(result.get(0)).isEqualTo(new SeriesBucket(1, 5, 3, 3, 3, 3, 1, 5, 5, 3));
        SeriesBucket allNaN = result.get(1);
        assertThat(allNaN.count()).isEqualTo(5);
        assertThat(allNaN.nanCount()).isEqualTo(5);
        assertThat(List.of(allNaN.first(), allNaN.last(), allNaN.min(), allNaN.max())).allMatch(v -> v.isNaN());
    }

    @Test
    void downsamplesOnlyTheRequestedRange() {
        append(run.id(), "loss", series(100, step -> step));

        List<SeriesBucket> result = downsample(40, 59, 4);

        assertThat(result.stream().mapToLong(SeriesBucket::count).sum()).isEqualTo(20);
        assertThat(result.get(0).firstStep()).isEqualTo(40);
        assertThat(result.get(result.size() - 1).lastStep()).isEqualTo(59);
        assertThat(downsample(200, 300, 10)).isEmpty();
    }

    @Test
    void downsamplesTheWholeSeriesWhenTheRangeIsUnbounded() {
        append(run.id(), "loss", columns(new long[] { -5, 0, 7, 1_000_000_000_000L }, new double[] { 1, 2, 3, 4 }));

        List<SeriesBucket> result = downsample(Long.MIN_VALUE, Long.MAX_VALUE, 10);

        assertThat(result).hasSizeLessThanOrEqualTo(10);
        assertThat(result.stream().mapToLong(SeriesBucket::count).sum()).isEqualTo(4);
        assertThat(result.get(0).firstStep()).isEqualTo(-5);
        assertThat(result.get(result.size() - 1).last()).isEqualTo(4);
    }

    @Test
    void aSeriesShorterThanTheBucketCountKeepsEveryPoint() {
        append(run.id(), "loss", stepsFrom(0, 4, 3, 2, 1, 0));

        List<SeriesBucket> result = downsample(0, 4, 1000);

        assertThat(result).extracting(SeriesBucket::first).containsExactly(4.0, 3.0, 2.0, 1.0, 0.0);
        assertThat(result).allSatisfy(b -> assertThat(b.count()).isEqualTo(1));
    }

    @Test
    void downsamplesAHundredThousandPointsToTheChartWidth() {
        append(run.id(), "loss", series(100_000, step -> Math.sin(step / 1000.0)));

        List<SeriesBucket> result = downsample(0, 99_999, 1000);

        assertThat(result).hasSize(1000);
        assertThat(result).allSatisfy(b -> assertThat(b.count()).isBetween(100L - 8, 100L + 8));
        assertThat(result.stream().mapToLong(SeriesBucket::count).sum()).isEqualTo(100_000);
        assertThat(result.stream().mapToDouble(SeriesBucket::max).max().orElseThrow())
                .isEqualTo(LongStream.range(0, 100_000).mapToDouble(s -> Math.sin(s / 1000.0)).max().orElseThrow());
    }

    @Test
    void downsamplesALongSeriesSentInManyBatchesExactlyAsM4() {
        MetricColumns all = noisyWithNonFinite(200_000, 0, 1);
        appendInBatches(all, 7_777);

        assertThat(downsample(Long.MIN_VALUE, Long.MAX_VALUE, 1000))
                .containsExactlyElementsOf(M4Reference.buckets(all, 0, 199_999, 1000));
        assertThat(downsample(12_345, 187_654, 300))
                .containsExactlyElementsOf(M4Reference.buckets(all, 12_345, 187_654, 300));
        assertThat(downsample(0, 199_999, 37)).containsExactlyElementsOf(M4Reference.buckets(all, 0, 199_999, 37));
    }

    @Test
    void downsamplesShuffledNegativeAndSparseStepsExactlyAsM4() {
        MetricColumns all = noisyWithNonFinite(120_000, -60_000 * 3L, 3);
        MetricColumns shuffled = shuffle(all, 7);
        appendInBatches(shuffled, 10_000);

        assertThat(downsample(Long.MIN_VALUE, Long.MAX_VALUE, 500))
                .containsExactlyElementsOf(M4Reference.buckets(all, -180_000, 179_997, 500));
        assertThat(downsample(Long.MIN_VALUE, Long.MAX_VALUE, 30))
                .containsExactlyElementsOf(M4Reference.buckets(all, -180_000, 179_997, 30));
        assertThat(downsample(-100_001, 99_998, 20))
                .containsExactlyElementsOf(M4Reference.buckets(all, -100_001, 99_998, 20));
    }

    @Test
    void downsamplesASeriesThatStartedWithSinglePointsExactlyAsM4() {
        MetricColumns all = noisyWithNonFinite(50_005, 0, 1);
        for (int i = 0; i < 5; i++) {
            append(run.id(), "loss", columns(new long[] { all.steps()[i] }, new double[] { all.values()[i] }));
        }
        appendInBatches(slice(all, 5, all.size()), 25_000);

        assertThat(downsample(0, 50_004, 100)).containsExactlyElementsOf(M4Reference.buckets(all, 0, 50_004, 100));
    }

    /** Gaussian noise at steps {@code first, first+spacing, ...}; every 97th value NaN and every 89th +Infinity. */
    private static MetricColumns noisyWithNonFinite(int n, long first, long spacing) {
        Random random = new Random(n);
        long[] steps = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = first + i * spacing;
            values[i] = i % 97 == 5 ? NAN : i % 89 == 3 ? INF : random.nextGaussian();
        }
        return columns(steps, values);
    }

    private void appendInBatches(MetricColumns all, int batch) {
        for (int from = 0; from < all.size(); from += batch) {
            append(run.id(), "loss", slice(all, from, Math.min(all.size(), from + batch)));
        }
    }

    private static MetricColumns slice(MetricColumns c, int from, int to) {
        return columns(java.util.Arrays.copyOfRange(c.steps(), from, to),
                java.util.Arrays.copyOfRange(c.values(), from, to));
    }

    private static MetricColumns shuffle(MetricColumns c, long seed) {
        Random random = new Random(seed);
        long[] steps = c.steps().clone();
        double[] values = c.values().clone();
        for (int i = steps.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long s = steps[i];
            steps[i] = steps[j];
            steps[j] = s;
            double v = values[i];
            values[i] = values[j];
            values[j] = v;
        }
        return columns(steps, values);
    }

    @Test
    void rejectsFewerThanOneBucket() {
        append(run.id(), "loss", series(10, step -> step));

        assertThatThrownBy(() -> downsample(0, 9, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static MetricColumns seededNoise(int n) {
        Random random = new Random(42);
        return series(n, step -> random.nextGaussian());
    }

    @Test
    void chartsOneMetricOfManyRunsExactlyAsEachRunsOwnDownsampling() {
        Run noisy = run("vision", "noisy");
        Run nonFinite = run("vision", "non-finite");
        Run wide = run("vision", "wide");
        Run other = run("vision", "other-metric");
        MetricColumns noise = seededNoise(1000);
        append(noisy.id(), "loss", noise);
        append(nonFinite.id(), "loss", stepsFrom(5, NAN, 5, INF, 3, -INF, 7, 8, NAN, 1, 2, 4, 6, 9));
        append(wide.id(), "loss", columns(new long[] { Long.MIN_VALUE / 2, -3, 0, 4, Long.MAX_VALUE / 2 },
                new double[] { 1, 2, 3, 4, 5 }));
        append(other.id(), "acc", series(10, step -> step));
        List<String> ids = List.of(wide.id(), noisy.id(), "feedfacecafebeef", other.id(), nonFinite.id(), noisy.id());

        Map<String, List<SeriesBucket>> charts = storage.metrics().downsampleRuns(ids, "loss", 7);

        assertThat(charts).containsOnlyKeys(noisy.id(), nonFinite.id(), wide.id());
        assertThat(charts.get(noisy.id())).containsExactlyElementsOf(M4Reference.buckets(noise, 0, 999, 7));
        for (Run r : List.of(noisy, nonFinite, wide)) {
            assertThat(charts.get(r.id())).as(r.name()).containsExactlyElementsOf(
                    storage.metrics().downsample(r.id(), "loss", Long.MIN_VALUE, Long.MAX_VALUE, 7));
        }
        assertThat(storage.metrics().downsampleRuns(List.of(), "loss", 7)).isEmpty();
        assertThatThrownBy(() -> storage.metrics().downsampleRuns(ids, "loss", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
