package dev.observatory.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LttbTest {

    @Test
    void picksThePointFormingTheLargestTriangle() {
        long[] steps = { 0, 1, 2, 3, 4 };
        double[] values = { 0, 1, 5, 1, 0 };

        Downsampled chart = Lttb.downsample(steps, values, 3);

        assertThat(chart.steps()).containsExactly(0, 2, 4);
        assertThat(chart.values()).containsExactly(0, 5, 0);
    }

    @Test
    void keepsExactlyThresholdPointsWithFirstLastAndASingleSpike() {
        int n = 100_000;
        long[] steps = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            values[i] = Math.sin(i / 5000.0);
        }
        values[54_321] = 40;

        Downsampled chart = Lttb.downsample(steps, values, 500);

        assertThat(chart.size()).isEqualTo(500);
        assertThat(chart.steps()[0]).isZero();
        assertThat(chart.steps()[499]).isEqualTo(n - 1);
        assertThat(chart.steps()).isSorted().doesNotHaveDuplicates().contains(54_321L);
    }

    @Test
    void skipsNanAndInfinitePoints() {
        long[] steps = { 0, 1, 2, 3, 4, 5, 6 };
        double[] values = { Double.NaN, 1, 2, Double.POSITIVE_INFINITY, 3, 4, Double.NaN };

        Downsampled all = Lttb.downsample(steps, values, 10);
        Downsampled chart = Lttb.downsample(steps, values, 3);

        assertThat(all.steps()).containsExactly(1, 2, 4, 5);
        assertThat(all.nonFiniteCount()).isEqualTo(3);
        assertThat(chart.steps()).hasSize(3).startsWith(1).endsWith(5);
        for (double v : chart.values()) {
            assertThat(v).isFinite();
        }
    }

    @Test
    void sortsUnsortedInputByStep() {
        long[] steps = { 4, 0, 3, 1, 2 };
        double[] values = { 0, 0, 1, 1, 5 };

        Downsampled chart = Lttb.downsample(steps, values, 3);

        assertThat(chart.steps()).containsExactly(0, 2, 4);
        assertThat(chart.values()).containsExactly(0, 5, 0);
    }

    @Test
    void keepsOnlyFirstAndLastForThresholdTwo() {
        Downsampled chart = Lttb.downsample(new long[] { 1, 2, 3 }, new double[] { 1, 9, 3 }, 2);

        assertThat(chart.steps()).containsExactly(1, 3);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Lttb.downsample(new long[1], new double[2], 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
        assertThatThrownBy(() -> Lttb.downsample(new long[3], new double[3], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold must be at least 2");
    }
}
