package dev.observatory.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class M4Test {

    @Test
    void downsamplesAMillionPointsToTheChartWidthKeepingExtremesAndEnds() {
        int n = 1_000_000;
        long[] steps = new long[n];
        double[] values = new double[n];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            steps[i] = i * 3L + 7;
            values[i] = 2.0 / Math.sqrt(1 + i / 1000.0) + random.nextGaussian() * 0.05;
        }
        values[123_457] = -5.0;
        values[876_543] = 9.0;

        Downsampled chart = M4.downsample(steps, values, 1_000);

        assertThat(chart.size()).isLessThanOrEqualTo(4_000).isGreaterThanOrEqualTo(2_000);
        assertThat(chart.sourceCount()).isEqualTo(n);
        assertThat(chart.steps()[0]).isEqualTo(7);
        assertThat(chart.values()[0]).isEqualTo(values[0]);
        assertThat(chart.steps()[chart.size() - 1]).isEqualTo(steps[n - 1]);
        assertThat(chart.values()[chart.size() - 1]).isEqualTo(values[n - 1]);
        assertThat(chart.values()).contains(-5.0, 9.0);
        assertThat(min(chart.values())).isEqualTo(-5.0);
        assertThat(max(chart.values())).isEqualTo(9.0);
        assertThat(chart.steps()).isSorted();
        assertThat(chart.steps()).doesNotHaveDuplicates();
        for (int i = 0; i < chart.size(); i++) {
            int source = (int) ((chart.steps()[i] - 7) / 3);
            assertThat(chart.values()[i]).isEqualTo(values[source]);
        }
    }

    @Test
    void keepsFirstLastMinAndMaxOfEachBucketInStepOrder() {
        long[] steps = { 0, 1, 2, 3, 4, 5, 6, 7 };
        double[] values = { 5, 9, 1, 6, 2, 8, 0, 3 };

        Downsampled chart = M4.downsample(steps, values, 2);

        assertThat(chart.steps()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        Downsampled coarser = M4.downsample(new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 },
                new double[] { 5, 9, 1, 6, 4, 2, 8, 0, 3, 4 }, 2);
        assertThat(coarser.steps()).containsExactly(0, 1, 2, 4, 5, 6, 7, 9);
        assertThat(coarser.values()).containsExactly(5, 9, 1, 4, 2, 8, 0, 4);
    }

    @Test
    void keepsAPointOnceWhenItIsSeveralOfFirstLastMinMax() {
        Downsampled chart = M4.downsample(new long[] { 10, 20, 30 }, new double[] { 1, 2, 3 }, 3);

        assertThat(chart.steps()).containsExactly(10, 20, 30);
        assertThat(chart.values()).containsExactly(1, 2, 3);
    }

    @Test
    void excludesNanAndInfinityFromMinAndMaxButCountsThem() {
        long[] steps = { 0, 1, 2, 3, 4, 5 };
        double[] values = { 1, Double.NaN, Double.POSITIVE_INFINITY, 4, Double.NEGATIVE_INFINITY, 2 };

        Downsampled chart = M4.downsample(steps, values, 1);

        assertThat(chart.nonFiniteCount()).isEqualTo(3);
        assertThat(chart.steps()).containsExactly(0, 3, 5);
        assertThat(chart.values()).containsExactly(1, 4, 2);
    }

    @Test
    void keepsANanFirstOrLastPointSoThatTheChartShowsTheGap() {
        Downsampled chart = M4.downsample(new long[] { 0, 1, 2, 3 }, new double[] { 1, 3, 2, Double.NaN }, 1);

        assertThat(chart.steps()).containsExactly(0, 1, 3);
        assertThat(chart.values()[2]).isNaN();
    }

    @Test
    void ordersUnsortedInputByStep() {
        long[] steps = { 5, 1, 9, 3, 7 };
        double[] values = { 50, 10, 90, 30, 70 };

        Downsampled chart = M4.downsample(steps, values, 100);

        assertThat(chart.steps()).containsExactly(1, 3, 5, 7, 9);
        assertThat(chart.values()).containsExactly(10, 30, 50, 70, 90);
    }

    @Test
    void handlesTheWholeLongStepRange() {
        long[] steps = { Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, Long.MIN_VALUE };
        double[] values = { 4, 2, 3, 1 };

        Downsampled chart = M4.downsample(steps, values, 2);

        assertThat(chart.steps()).containsExactly(Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1,
                Long.MAX_VALUE);
        assertThat(chart.values()).containsExactly(1, 2, 3, 4);
        assertThat(M4.bucketOf(-1L, -1L, 2)).isEqualTo(1);
        assertThat(M4.bucketOf(0L, -1L, 2)).isZero();
    }

    @Test
    void returnsAnEmptySeriesForAnEmptyInput() {
        Downsampled chart = M4.downsample(new long[0], new double[0], 10);

        assertThat(chart.size()).isZero();
        assertThat(chart.sourceCount()).isZero();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> M4.downsample(new long[2], new double[3], 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
        assertThatThrownBy(() -> M4.downsample(new long[2], new double[2], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("buckets must be at least 1");
    }

    private static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
