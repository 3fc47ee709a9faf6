package dev.observatory.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearFitTest {

    @Test
    void fitsAnExactLineEvenAtHugeStepNumbers() {
        long base = 4_000_000_000_000L;
        long[] steps = { base, base + 10, base + 20, base + 30 };
        double[] values = { 1, 3, 5, 7 };

        LinearFit fit = LinearFit.of(steps, values, 0, 4);

        assertThat(fit.slope()).isCloseTo(0.2, within(1e-12));
        assertThat(fit.at(base + 40)).isCloseTo(9, within(1e-9));
        assertThat(fit.slopeStdError()).isCloseTo(0, within(1e-12));
        assertThat(fit.tStatistic()).isInfinite();
    }

    @Test
    void needsTwoDistinctSteps() {
        assertThatThrownBy(() -> LinearFit.of(new long[] { 1, 1 }, new double[] { 1, 2 }, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two different steps");
        assertThatThrownBy(() -> LinearFit.of(new long[] { 1 }, new double[] { 1 }, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
