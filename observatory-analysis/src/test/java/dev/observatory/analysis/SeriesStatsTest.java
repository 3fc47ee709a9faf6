package dev.observatory.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.junit.jupiter.api.Test;

class SeriesStatsTest {

    @Test
    void summarisesASeriesWithNanAndInfinity() {
        long[] steps = { 10, 20, 30, 40, 50, 60 };
        double[] values = { 3, 1, Double.NaN, 7, Double.POSITIVE_INFINITY, 1 };

        SeriesStats stats = SeriesStats.of(steps, values);

        assertThat(stats.count()).isEqualTo(6);
        assertThat(stats.nanCount()).isEqualTo(2);
        assertThat(stats.firstStep()).isEqualTo(10);
        assertThat(stats.first()).isEqualTo(3);
        assertThat(stats.lastStep()).isEqualTo(60);
        assertThat(stats.last()).isEqualTo(1);
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.argMinStep()).isEqualTo(20);
        assertThat(stats.max()).isEqualTo(7);
        assertThat(stats.argMaxStep()).isEqualTo(40);
        assertThat(stats.mean()).isEqualTo(3.0);
        assertThat(stats.std()).isCloseTo(Math.sqrt(6.0), within(1e-12));
    }

    @Test
    void takesFirstAndLastByStepNotByInputOrder() {
        SeriesStats stats = SeriesStats.of(new long[] { 5, 1, 9, 9, 3 }, new double[] { 50, 10, 90, 91, 30 });

        assertThat(stats.firstStep()).isEqualTo(1);
        assertThat(stats.first()).isEqualTo(10);
        assertThat(stats.lastStep()).isEqualTo(9);
        assertThat(stats.last()).isEqualTo(91);
    }

    @Test
    void matchesCommonsMathOnALongNoisySeries() {
        int n = 200_000;
        long[] steps = new long[n];
        double[] values = new double[n];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            values[i] = 1e6 + random.nextGaussian();
        }

        SeriesStats stats = SeriesStats.of(steps, values);

        assertThat(stats.mean()).isCloseTo(new Mean().evaluate(values), within(1e-9));
        assertThat(stats.std()).isCloseTo(new StandardDeviation(false).evaluate(values), within(1e-9));
    }

    @Test
    void reportsNanStatisticsWhenNoValueIsFinite() {
        SeriesStats stats = SeriesStats.of(new long[] { 1, 2 }, new double[] { Double.NaN, Double.NaN });

        assertThat(stats.count()).isEqualTo(2);
        assertThat(stats.nanCount()).isEqualTo(2);
        assertThat(stats.min()).isNaN();
        assertThat(stats.max()).isNaN();
        assertThat(stats.mean()).isNaN();
        assertThat(stats.std()).isNaN();
        assertThat(stats.lastStep()).isEqualTo(2);
    }

    @Test
    void summarisesAnEmptySeries() {
        SeriesStats stats = SeriesStats.of(new long[0], new double[0]);

        assertThat(stats.count()).isZero();
        assertThat(stats.first()).isNaN();
        assertThat(stats.mean()).isNaN();
    }

    @Test
    void rejectsColumnsOfDifferentLength() {
        assertThatThrownBy(() -> SeriesStats.of(new long[1], new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
    }
}
