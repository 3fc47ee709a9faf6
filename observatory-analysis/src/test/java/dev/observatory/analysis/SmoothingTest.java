package dev.observatory.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SmoothingTest {

    @Test
    void classicEmaStartsAtTheFirstValue() {
        double[] smoothed = Smoothing.ema(new double[] { 10, 20, 20 }, 0.5);

        assertThat(smoothed).containsExactly(10, 15, 17.5);
    }

    @Test
    void debiasedEmaMatchesTensorBoardSmoothing() {
        double[] values = { 1, 2, 3, 4 };
        double w = 0.6;

        double[] smoothed = Smoothing.debiasedEma(values, 1 - w);

        double last = 0;
        for (int i = 0; i < values.length; i++) {
            last = last * w + (1 - w) * values[i];
            assertThat(smoothed[i]).isCloseTo(last / (1 - Math.pow(w, i + 1)), within(1e-12));
        }
        assertThat(smoothed[0]).isCloseTo(1.0, within(1e-12));
        assertThat(smoothed[1]).isCloseTo((0.6 * 1 + 2) / 1.6, within(1e-12));
    }

    @Test
    void debiasedEmaKeepsAConstantSeriesConstant() {
        double[] smoothed = Smoothing.debiasedEma(new double[] { 0.7, 0.7, 0.7, 0.7, 0.7 }, 0.01);

        for (double v : smoothed) {
            assertThat(v).isCloseTo(0.7, within(1e-12));
        }
    }

    @Test
    void passesNanAndInfinityThroughWithoutUpdatingTheAverage() {
        double[] values = { Double.NaN, 4, Double.POSITIVE_INFINITY, 8 };

        double[] classic = Smoothing.ema(values, 0.5);
        double[] debiased = Smoothing.debiasedEma(values, 0.5);

        assertThat(classic[0]).isNaN();
        assertThat(classic[1]).isEqualTo(4);
        assertThat(classic[2]).isInfinite();
        assertThat(classic[3]).isEqualTo(6);
        assertThat(debiased[0]).isNaN();
        assertThat(debiased[1]).isCloseTo(4, within(1e-12));
        assertThat(debiased[2]).isInfinite();
        assertThat(debiased[3]).isCloseTo((0.5 * 0.5 * 4 + 0.5 * 8) / 0.75, within(1e-12));
    }

    @Test
    void alphaOneLeavesTheSeriesUnchanged() {
        double[] values = { 3, 1, 4, 1, 5 };

        assertThat(Smoothing.ema(values, 1)).containsExactly(values);
        assertThat(Smoothing.debiasedEma(values, 1)).containsExactly(values);
    }

    @Test
    void rejectsAlphaOutsideZeroToOne() {
        assertThatThrownBy(() -> Smoothing.ema(new double[1], 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha must be in (0, 1]");
        assertThatThrownBy(() -> Smoothing.debiasedEma(new double[1], 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Smoothing.ema(new double[1], Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
