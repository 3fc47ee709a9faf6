package dev.observatory.analysis.moments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.analysis.AnalysisStatus;
import dev.observatory.analysis.Direction;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class CriticalMomentsTest {

    private static final int N = 2000;

    /** A noisy power-law loss over steps 0..N-1 with the given multiplier of the clean loss. */
    private static double[] loss(double noise, long seed, DoubleUnaryOperator timeWarp, DoubleUnaryOperator factor) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            double u = timeWarp.applyAsDouble((double) i / N);
            v[i] = (0.3 + 2 * Math.pow(1 + u / 0.02, -0.6)) * factor.applyAsDouble((double) i / N)
                    * (1 + noise * random.nextGaussian());
        }
        return v;
    }

    private static long[] steps() {
        long[] s = new long[N];
        for (int i = 0; i < N; i++) {
            s[i] = i;
        }
        return s;
    }

    private static List<CriticalMoment> detect(double[] values, Direction direction) {
        CriticalMomentReport report = CriticalMoments.detect(steps(), values, direction);
        assertThat(report.status()).isEqualTo(AnalysisStatus.OK);
        for (CriticalMoment m : report.moments()) {
            assertThat(m.confidence()).isBetween(0.0, 1.0);
            assertThat(Double.isFinite(m.magnitude())).isTrue();
            assertThat(Double.isFinite(m.valueBefore())).isTrue();
        }
        return report.moments();
    }

    @Test
    void findsNothingInASmoothNoisyLossCurve() {
        assertThat(detect(loss(0.05, 1, u -> u, u -> 1), Direction.LOWER_IS_BETTER)).isEmpty();
    }

    @Test
    void findsABreakthroughWhereTheLossStepsDownAndStays() {
        List<CriticalMoment> moments = detect(loss(0.05, 2, u -> u, u -> u < 0.6 ? 1 : 0.7), Direction.LOWER_IS_BETTER);

        assertThat(moments).hasSize(1);
        CriticalMoment m = moments.get(0);
        assertThat(m.type()).isEqualTo(MomentType.BREAKTHROUGH);
        assertThat(m.step()).isBetween(1180L, 1220L);
        assertThat(m.magnitude()).isBetween(0.2, 0.4);
        assertThat(m.magnitudeUnit()).isEqualTo("relative_change");
        assertThat(m.confidenceSource()).isEqualTo("jump_z_v1");
        assertThat(m.valueAfter()).isLessThan(m.valueBefore());
    }

    @Test
    void findsADropWhereTheLossStepsUpAndStays() {
        List<CriticalMoment> moments = detect(loss(0.05, 3, u -> u, u -> u < 0.4 ? 1 : 1.3), Direction.LOWER_IS_BETTER);

        assertThat(moments).extracting(CriticalMoment::type).containsExactly(MomentType.DROP);
        assertThat(moments.get(0).step()).isBetween(780L, 820L);
    }

    @Test
    void theDirectionDecidesWhetherAStepIsABreakthroughOrADrop() {
        double[] values = loss(0.05, 3, u -> u, u -> u < 0.4 ? 1 : 1.3);
        double[] accuracy = Arrays.stream(values).map(v -> 3 - v).toArray();

        List<CriticalMoment> moments = detect(accuracy, Direction.HIGHER_IS_BETTER);

        assertThat(moments).extracting(CriticalMoment::type).containsExactly(MomentType.DROP);
        assertThat(detect(Arrays.stream(loss(0.05, 2, u -> u, u -> u < 0.6 ? 1 : 0.7)).map(v -> 3 - v).toArray(),
                Direction.HIGHER_IS_BETTER)).extracting(CriticalMoment::type).containsExactly(MomentType.BREAKTHROUGH);
    }

    @Test
    void findsAPlateauWithItsStartAndEnd() {
        DoubleUnaryOperator stall = u -> u < 0.2 ? u : u < 0.4 ? 0.2 : u - 0.2;

        List<CriticalMoment> moments = detect(loss(0.03, 4, stall, u -> 1), Direction.LOWER_IS_BETTER);

        assertThat(moments).hasSize(1);
        CriticalMoment m = moments.get(0);
        assertThat(m.type()).isEqualTo(MomentType.PLATEAU);
        assertThat(m.step()).isBetween(300L, 500L);
        assertThat(m.endStep()).isBetween(700L, 900L);
        assertThat(m.magnitudeUnit()).isEqualTo("run_fraction");
        assertThat(m.magnitude()).isBetween(0.1, 0.3);
    }

    @Test
    void aRunThatTurnsNaNDivergesAtTheFirstNaN() {
        double[] values = loss(0.05, 5, u -> u, u -> 1);
        Arrays.fill(values, 1500, N, Double.NaN);

        CriticalMomentReport report = CriticalMoments.detect(steps(), values, Direction.LOWER_IS_BETTER);

        assertThat(report.moments()).extracting(CriticalMoment::type).containsExactly(MomentType.DIVERGENCE);
        CriticalMoment m = report.moments().get(0);
        assertThat(m.step()).isEqualTo(1500);
        assertThat(m.confidenceSource()).isEqualTo("non_finite_values");
        assertThat(m.valueAfter()).isNull();
        assertThat(m.magnitude()).isEqualTo(1.0);
    }

    @Test
    void aLossExplosionDivergesWhereTheBlowUpStarts() {
        double[] values = loss(0.05, 6, u -> u, u -> u < 0.7 ? 1 : Math.exp((u - 0.7) / 0.005));

        List<CriticalMoment> moments = detect(values, Direction.LOWER_IS_BETTER);

        assertThat(moments).extracting(CriticalMoment::type).containsExactly(MomentType.DIVERGENCE);
        assertThat(moments.get(0).step()).isBetween(1380L, 1420L);
        assertThat(moments.get(0).magnitudeUnit()).isEqualTo("growth_factor");
        assertThat(moments.get(0).magnitude()).isGreaterThan(3);
    }

    @Test
    void aFewIsolatedNaNsAreReportedWithLowConfidence() {
        double[] values = loss(0.02, 7, u -> u, u -> 1);
        values[1000] = Double.NaN;

        CriticalMomentReport report = CriticalMoments.detect(steps(), values, Direction.LOWER_IS_BETTER);

        assertThat(report.moments()).hasSize(1);
        assertThat(report.moments().get(0).confidence()).isEqualTo(0.5);
        assertThat(report.moments().get(0).confidenceSource()).isEqualTo("isolated_non_finite");
    }

    @Test
    void unsortedAndDuplicatedStepsGiveTheSameMomentsAsTheCleanSeries() {
        double[] values = loss(0.05, 2, u -> u, u -> u < 0.6 ? 1 : 0.7);
        long[] steps = steps();
        long[] shuffledSteps = new long[N + 1];
        double[] shuffledValues = new double[N + 1];
        for (int i = 0; i < N; i++) {
            int j = (int) ((i * 7919L) % N);
            shuffledSteps[i] = steps[j];
            shuffledValues[i] = values[j];
        }
        shuffledSteps[N] = steps[5];
        shuffledValues[N] = values[5];

        assertThat(CriticalMoments.detect(shuffledSteps, shuffledValues, Direction.LOWER_IS_BETTER).moments())
                .isEqualTo(CriticalMoments.detect(steps, values, Direction.LOWER_IS_BETTER).moments());
    }

    @Test
    void tooFewPointsConstantSeriesAndAllNaNAreReportedNotThrown() {
        CriticalMomentReport few = CriticalMoments.detect(new long[] { 1, 2 }, new double[] { 1, 2 },
                Direction.LOWER_IS_BETTER);
        assertThat(few.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
        assertThat(few.message()).contains("at least 16 finite points");
        assertThat(few.noise()).isNull();

        long[] s = steps();
        double[] constant = new double[N];
        Arrays.fill(constant, 0.7);
        assertThat(CriticalMoments.detect(s, constant, Direction.LOWER_IS_BETTER).status())
                .isEqualTo(AnalysisStatus.CONSTANT_SERIES);

        double[] nan = new double[N];
        Arrays.fill(nan, Double.NaN);
        CriticalMomentReport allNan = CriticalMoments.detect(s, nan, Direction.LOWER_IS_BETTER);
        assertThat(allNan.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
        assertThat(allNan.moments()).extracting(CriticalMoment::type).containsExactly(MomentType.DIVERGENCE);
        assertThat(allNan.moments().get(0).step()).isZero();
    }

    @Test
    void rejectsMismatchedLengthsAndBadOptions() {
        assertThatThrownBy(() -> CriticalMoments.detect(new long[3], new double[4], Direction.LOWER_IS_BETTER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
        assertThatThrownBy(() -> new MomentOptions(0, 0.03, 5, 0.03, 3, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jumpZ");
        assertThatThrownBy(() -> new MomentOptions(5, 0.03, 5, 0.03, 1, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divergenceFactor");
    }

    @Test
    void analysesAMillionPointsThroughBuckets() {
        int n = 1_000_000;
        long[] steps = new long[n];
        double[] values = new double[n];
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            double u = (double) i / n;
            values[i] = (0.3 + 2 * Math.pow(1 + u / 0.02, -0.6)) * (u < 0.5 ? 1 : 0.75)
                    * (1 + 0.1 * random.nextGaussian());
        }

        CriticalMomentReport report = CriticalMoments.detect(steps, values, Direction.LOWER_IS_BETTER);

        assertThat(report.analysedPoints()).isEqualTo(1024);
        assertThat(report.moments()).extracting(CriticalMoment::type).containsExactly(MomentType.BREAKTHROUGH);
        assertThat(report.moments().get(0).step()).isBetween(490_000L, 510_000L);
    }
}
