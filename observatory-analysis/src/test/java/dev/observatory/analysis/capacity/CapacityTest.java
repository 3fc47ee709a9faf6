package dev.observatory.analysis.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.observatory.analysis.capacity.CapacityForecast.Status;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CapacityTest {

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** y = 40 + 0.5 x + noise(sd 2), x = 0..99: reaches 100 at x = 120. */
    static double[] linear(long seed, long[] x) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1_000 + i;
            y[i] = 40 + 0.5 * i + 2 * gaussian(r);
        }
        return y;
    }

    @Test
    void aNoisyLinearSeriesCrossesTheThresholdWithinItsInterval() {
        int slopeCovered = 0;
        for (long seed = 1; seed <= 20; seed++) {
            long[] x = new long[100];
            double[] y = linear(seed, x);
            y[50] = 500; // an outlier does not move a Theil-Sen line
            CapacityForecast f = Capacity.forecast(x, y, 100, false, 0.95);
            assertThat(f.status()).isEqualTo(Status.WILL_CROSS);
            assertThat(f.slope()).isCloseTo(0.5, within(0.05));
            assertThat(f.slopeLow()).isLessThan(f.slope());
            assertThat(f.slopeHigh()).isGreaterThan(f.slope());
            slopeCovered += f.slopeLow() <= 0.5 && f.slopeHigh() >= 0.5 ? 1 : 0;
            long truth = 1_000 + 120;
            assertThat(f.earliestX()).isLessThanOrEqualTo(truth);
            assertThat(f.latestX()).isGreaterThanOrEqualTo(truth);
            assertThat(f.crossingX()).isBetween(f.earliestX(), f.latestX());
            assertThat(f.crossingX()).isCloseTo(truth, within(6L));
            assertThat(f.message()).contains("reaches 100");
        }
        assertThat(slopeCovered).as("95%% slope intervals covering the true slope").isGreaterThanOrEqualTo(17);
    }

    @Test
    void exponentialGrowthIsFittedOnLogScale() {
        long[] x = new long[60];
        double[] y = new double[60];
        for (int i = 0; i < 60; i++) {
            x[i] = i;
            y[i] = 10 * Math.exp(0.05 * i);
        }
        CapacityForecast f = Capacity.forecast(x, y, 1000, true, 0.95);
        assertThat(f.slope()).isCloseTo(0.05, within(1e-9));
        assertThat(f.crossingX()).isEqualTo(Math.round(Math.log(100) / 0.05));
        assertThat(f.lastFitted()).isCloseTo(y[59], within(1e-6));
        assertThatThrownBy(() -> Capacity.forecast(x, new double[60], 10, true, 0.95))
                .hasMessageContaining("log scale needs values above 0");
    }

    @Test
    void aTrendMovingAwayNeverCrossesAndSaysSo() {
        long[] x = new long[30];
        double[] y = new double[30];
        for (int i = 0; i < 30; i++) {
            x[i] = i;
            y[i] = 50 - i * 0.2;
        }
        CapacityForecast f = Capacity.forecast(x, y, 90, false, 0.95);
        assertThat(f.status()).isEqualTo(Status.NEVER);
        assertThat(f.crossingX()).isNull();
        assertThat(f.message()).contains("falling").contains("never crosses");

        CapacityForecast below = Capacity.forecast(x, y, 46, false, 0.95);
        assertThat(below.status()).isEqualTo(Status.ALREADY_CROSSED);
        assertThat(below.crossingX()).isEqualTo(20);

        double[] flat = new double[30];
        java.util.Arrays.fill(flat, 3);
        assertThat(Capacity.forecast(x, flat, 10, false, 0.95).message()).contains("flat");
    }

    @Test
    void tooFewPointsOrABadConfidenceAreRejected() {
        assertThatThrownBy(() -> Capacity.forecast(new long[] { 1, 2 }, new double[] { 1, 2 }, 5, false, 0.95))
                .hasMessageContaining("at least 5");
        assertThatThrownBy(() -> Capacity.forecast(new long[5], new double[5], 5, false, 1.5))
                .hasMessageContaining("confidence");
        assertThat(Capacity.normalQuantile(0.975)).isCloseTo(1.959964, within(1e-5));
    }
}
