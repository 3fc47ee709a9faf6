package dev.observatory.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CurveTest {

    @Test
    void usesCleanInputAsItIsWithoutCopying() {
        long[] steps = { 1, 2, 3 };
        double[] values = { 3, 2, 1 };

        Curve curve = Curve.of(steps, values);

        assertThat(curve.steps()).isSameAs(steps);
        assertThat(curve.values()).isSameAs(values);
        assertThat(curve.hasNonFinite()).isFalse();
    }

    @Test
    void sortsUnsortedStepsWithoutChangingTheInput() {
        long[] steps = { 30, 10, 20 };
        double[] values = { 3, 1, 2 };

        Curve curve = Curve.of(steps, values);

        assertThat(curve.steps()).containsExactly(10, 20, 30);
        assertThat(curve.values()).containsExactly(1, 2, 3);
        assertThat(steps).containsExactly(30, 10, 20);
    }

    @Test
    void keepsTheLastPointOfADuplicateStep() {
        Curve curve = Curve.of(new long[] { 1, 2, 2, 3, 2 }, new double[] { 1, 5, 6, 3, 7 });

        assertThat(curve.steps()).containsExactly(1, 2, 3);
        assertThat(curve.values()).containsExactly(1, 7, 3);
        assertThat(curve.duplicateCount()).isEqualTo(2);
    }

    @Test
    void leavesOutNonFiniteValuesAndRemembersWhereTheyStarted() {
        Curve curve = Curve.of(new long[] { 1, 2, 3, 4, 5 },
                new double[] { 1, 2, Double.NaN, Double.POSITIVE_INFINITY, 5 });

        assertThat(curve.steps()).containsExactly(1, 2, 5);
        assertThat(curve.nonFiniteCount()).isEqualTo(2);
        assertThat(curve.firstNonFiniteStep()).isEqualTo(3);
        assertThat(curve.nonFiniteTailFraction()).isCloseTo(2 / 3.0, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void averagesLongSeriesIntoEqualWidthStepBuckets() {
        long[] steps = new long[1000];
        double[] values = new double[1000];
        for (int i = 0; i < 1000; i++) {
            steps[i] = i;
            values[i] = i % 2;
        }

        Curve buckets = Curve.of(steps, values).bucketMeans(100);

        assertThat(buckets.size()).isEqualTo(100);
        assertThat(java.util.Arrays.stream(buckets.values()).distinct().toArray()).containsExactly(0.5);
        assertThat(buckets.steps()[0]).isEqualTo(5);
    }

    @Test
    void rejectsStepsAndValuesOfDifferentLengths() {
        assertThatThrownBy(() -> Curve.of(new long[2], new double[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same length");
        assertThatThrownBy(() -> Curve.of(null, new double[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
