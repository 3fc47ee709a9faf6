package dev.observatory.analysis.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.observatory.analysis.AnalysisStatus;
import dev.observatory.analysis.Direction;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LearningCurvesTest {

    @Test
    void measuresLearningVelocityAsAShareOfTheCurvesScalePerThousandSteps() {
        long[] steps = new long[1001];
        double[] values = new double[1001];
        for (int i = 0; i <= 1000; i++) {
            steps[i] = i * 10L;
            values[i] = 5 - i * 0.002;
        }

        TrendResult t = LearningCurves.trend(steps, values, Direction.LOWER_IS_BETTER);

        assertThat(t.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(t.slopePer1kSteps()).isCloseTo(-0.2, within(1e-6));
        assertThat(t.scale()).isCloseTo(2.0, within(0.05));
        assertThat(t.velocity()).isCloseTo(0.1, within(0.005));
        assertThat(t.overallVelocity()).isCloseTo(0.1, within(0.005));
        assertThat(t.trend()).isEqualTo("improving");
    }

    @Test
    void aRisingLossIsWorseningAndARisingAccuracyImproving() {
        long[] steps = { 0, 1, 2, 3, 4, 5 };
        double[] values = { 1, 2, 3, 4, 5, 6 };

        assertThat(LearningCurves.trend(steps, values, Direction.LOWER_IS_BETTER).trend()).isEqualTo("worsening");
        assertThat(LearningCurves.trend(steps, values, Direction.HIGHER_IS_BETTER).trend()).isEqualTo("improving");
    }

    @Test
    void aConvergedCurveHasAFlatRecentTrend() {
        long[] steps = new long[2000];
        double[] values = new double[2000];
        for (int i = 0; i < 2000; i++) {
            steps[i] = i;
            values[i] = 0.3 + 2 * Math.exp(-i / 100.0);
        }

        TrendResult t = LearningCurves.trend(steps, values, Direction.LOWER_IS_BETTER);

        assertThat(t.trend()).isEqualTo("flat");
        assertThat(t.overallVelocity()).isGreaterThan(0);
    }

    @Test
    void aConstantSeriesHasZeroVelocityAndSaysSo() {
        TrendResult t = LearningCurves.trend(new long[] { 1, 2, 3, 4 }, new double[] { 2, 2, 2, 2 },
                Direction.LOWER_IS_BETTER);

        assertThat(t.status()).isEqualTo(AnalysisStatus.CONSTANT_SERIES);
        assertThat(t.velocity()).isZero();
        assertThat(t.trend()).isEqualTo("flat");
    }

    @Test
    void tooFewFinitePointsGiveInsufficientDataNotNaN() {
        TrendResult t = LearningCurves.trend(new long[] { 1, 2, 3 }, new double[] { 1, Double.NaN, Double.NaN },
                Direction.LOWER_IS_BETTER);

        assertThat(t.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
        assertThat(t.message()).contains("at least 3 finite points");
        assertThat(t.velocity()).isNull();
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> LearningCurves.trend(new long[3], new double[3], Direction.LOWER_IS_BETTER, 0, 0.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recentFraction");
        assertThatThrownBy(() -> LearningCurves.trend(new long[3], new double[2], Direction.LOWER_IS_BETTER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
    }

    @Test
    void detectsConvergenceOfAnExponentialLossAndWhenItHappened() {
        long[] steps = new long[3000];
        double[] values = new double[3000];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 3000; i++) {
            steps[i] = i;
            values[i] = (0.5 + 2 * Math.exp(-i / 200.0)) * (1 + 0.01 * random.nextGaussian());
        }

        ConvergenceResult c = LearningCurves.convergence(steps, values, Direction.LOWER_IS_BETTER);

        assertThat(c.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(c.converged()).isTrue();
        // 1% over a 300-step window: 2 e^(-t/200) (1 - e^(-1.5)) / 0.5 < 0.01 from t ~ 1150; noise and smoothing
        // make it stay below for good a little later
        assertThat(c.convergedAtStep()).isBetween(1000L, 1700L);
        assertThat(c.lastRelativeImprovement()).isLessThan(0.01);
    }

    @Test
    void aSteadilyImprovingCurveHasNotConverged() {
        long[] steps = new long[100];
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            steps[i] = i;
            values[i] = 10 - i * 0.05;
        }

        ConvergenceResult c = LearningCurves.convergence(steps, values, Direction.LOWER_IS_BETTER);

        assertThat(c.converged()).isFalse();
        assertThat(c.convergedAtStep()).isNull();
        assertThat(c.lastRelativeImprovement()).isGreaterThan(0.01);
    }

    @Test
    void convergenceNeedsARunLongerThanOneWindow() {
        ConvergenceResult c = LearningCurves.convergence(new long[] { 0, 1, 2 }, new double[] { 3, 2, 1 },
                Direction.LOWER_IS_BETTER, 0.999, 0.01);

        assertThat(c.status()).isEqualTo(AnalysisStatus.OK);
        ConvergenceResult few = LearningCurves.convergence(new long[] { 0, 1 }, new double[] { 3, 2 },
                Direction.LOWER_IS_BETTER);
        assertThat(few.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
        assertThat(few.convergedAtStep()).isNull();
    }

    @Test
    void flagsOverfittingWhenEvalTurnsWhileTrainKeepsImproving() {
        long[] trainSteps = new long[1000];
        double[] train = new double[1000];
        for (int i = 0; i < 1000; i++) {
            trainSteps[i] = i;
            train[i] = 2 * Math.exp(-i / 300.0) + 0.1;
        }
        long[] evalSteps = new long[20];
        double[] eval = new double[20];
        for (int k = 0; k < 20; k++) {
            evalSteps[k] = k * 50L;
            double t = evalSteps[k];
            eval[k] = 2 * Math.exp(-t / 300.0) + 0.2 + (t > 400 ? (t - 400) * 0.0008 : 0);
        }

        OverfittingResult r = LearningCurves.overfitting(trainSteps, train, evalSteps, eval, Direction.LOWER_IS_BETTER);

        assertThat(r.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(r.signal()).isEqualTo("overfitting");
        // the eval loss 2 e^(-t/300) + 0.2 + 0.0008 (t - 400) is lowest at t = 636; the light smoothing lags a little
        assertThat(r.onsetStep()).isBetween(550L, 800L);
        assertThat(r.gapLast()).isGreaterThan(r.gapFirst());
        assertThat(r.confidence()).isBetween(0.5, 1.0);
        assertThat(r.confidenceSource()).isEqualTo("gap_slope_t_v1");
    }

    @Test
    void noOverfittingWhenTrainAndEvalImproveTogether() {
        long[] steps = new long[50];
        double[] train = new double[50];
        double[] eval = new double[50];
        for (int i = 0; i < 50; i++) {
            steps[i] = i * 10L;
            train[i] = 1.0 / (1 + i);
            eval[i] = 1.1 / (1 + i) + 0.05;
        }

        OverfittingResult r = LearningCurves.overfitting(steps, train, steps, eval, Direction.LOWER_IS_BETTER);

        assertThat(r.signal()).isEqualTo("none");
        assertThat(r.onsetStep()).isNull();
    }

    @Test
    void overfittingNeedsEvalPointsInsideTheTrainSteps() {
        OverfittingResult r = LearningCurves.overfitting(new long[] { 0, 1, 2, 3 }, new double[] { 4, 3, 2, 1 },
                new long[] { 10, 20, 30 }, new double[] { 1, 2, 3 }, Direction.LOWER_IS_BETTER);

        assertThat(r.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
        assertThat(r.message()).contains("eval points inside the train steps");
        assertThat(r.gapSlopePer1kSteps()).isNull();
    }
}
