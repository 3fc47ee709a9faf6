package dev.observatory.analysis.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.observatory.analysis.AnalysisStatus;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ForecastsTest {

    private static double powerLaw(double step) {
        return 0.4 + 3 * Math.pow(1 + step / 50, -0.7);
    }

    @Test
    void projectsAPowerLawLossToTwiceTheObservedStepsWithinTwoPercent() {
        int n = 5000;
        long[] steps = new long[n];
        double[] values = new double[n];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            values[i] = powerLaw(i) * (1 + 0.03 * random.nextGaussian());
        }

        Forecast f = Forecasts.predict(steps, values, 10_000);

        assertThat(f.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(f.model()).isEqualTo("power_law");
        assertThat(f.projected()).isCloseTo(powerLaw(10_000), within(0.02 * powerLaw(10_000)));
        assertThat(f.lower()).isLessThan(powerLaw(10_000));
        assertThat(f.upper()).isGreaterThan(powerLaw(10_000));
        assertThat(f.candidates()).hasSize(3);
        assertThat(f.intervalSource()).isEqualTo("holdout_rmse_and_refit_shift_v1");
    }

    @Test
    void choosesTheExponentialModelForAnExponentialCurve() {
        long[] steps = new long[300];
        double[] values = new double[300];
        for (int i = 0; i < 300; i++) {
            steps[i] = i * 10L;
            values[i] = 0.2 + 2 * Math.exp(-i / 60.0);
        }

        Forecast f = Forecasts.predict(steps, values, 6000);

        assertThat(f.model()).isEqualTo("exponential");
        assertThat(f.projected()).isCloseTo(0.2, within(0.01));
    }

    @Test
    void choosesTheLogLinearModelForAnAccuracyThatGrowsWithLogSteps() {
        long[] steps = new long[200];
        double[] values = new double[200];
        for (int i = 0; i < 200; i++) {
            steps[i] = i + 1;
            values[i] = 0.1 + 0.05 * Math.log(i + 1);
        }

        Forecast f = Forecasts.predict(steps, values, 400);

        assertThat(f.projected()).isCloseTo(0.1 + 0.05 * Math.log(400), within(0.01));
    }

    @Test
    void tooFewPointsAndConstantSeriesAreReportedNotThrown() {
        Forecast few = Forecasts.predict(new long[] { 1, 2, 3 }, new double[] { 3, 2, 1 }, 10);
        assertThat(few.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
        assertThat(few.projected()).isNull();
        assertThat(few.message()).contains("at least 8 finite points");

        long[] steps = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
        Forecast constant = Forecasts.predict(steps, new double[] { 2, 2, 2, 2, 2, 2, 2, 2, 2 }, 100);
        assertThat(constant.status()).isEqualTo(AnalysisStatus.CONSTANT_SERIES);
        assertThat(constant.projected()).isEqualTo(2.0);
        assertThatThrownBy(() -> Forecasts.predict(new long[2], new double[3], 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
