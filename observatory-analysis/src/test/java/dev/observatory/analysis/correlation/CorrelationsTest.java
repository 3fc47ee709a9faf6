package dev.observatory.analysis.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.observatory.analysis.AnalysisStatus;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

class CorrelationsTest {

    private static long[] steps(int n) {
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = i * 10L;
        }
        return s;
    }

    @Test
    void agreesWithCommonsMathPearsonAndSpearmanToOneBillionth() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++) {
            int n = 3 + random.nextInt(500);
            double[] a = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = random.nextGaussian() * 100 + 1e6;
                b[i] = trial % 2 == 0 ? Math.round(a[i] * 0.3 + random.nextGaussian() * 20) : random.nextInt(7);
            }
            if (trial % 5 == 0) {
                a[0] = a[1];
            }

            Correlation c = Correlations.of(steps(n), a, steps(n), b);

            PearsonsCorrelation pearson = new PearsonsCorrelation(matrix(a, b));
            SpearmansCorrelation spearman = new SpearmansCorrelation(matrix(a, b));
            assertThat(c.status()).isEqualTo(AnalysisStatus.OK);
            assertThat(c.pearson()).isCloseTo(pearson.getCorrelationMatrix().getEntry(0, 1), within(1e-9));
            assertThat(c.pearsonPValue()).isCloseTo(pearson.getCorrelationPValues().getEntry(0, 1), within(1e-9));
            assertThat(c.spearman()).isCloseTo(spearman.getCorrelationMatrix().getEntry(0, 1), within(1e-9));
            assertThat(c.spearmanPValue())
                    .isCloseTo(spearman.getRankCorrelation().getCorrelationPValues().getEntry(0, 1), within(1e-9));
        }
    }

    private static BlockRealMatrix matrix(double[] a, double[] b) {
        double[][] rows = new double[a.length][2];
        for (int i = 0; i < a.length; i++) {
            rows[i][0] = a[i];
            rows[i][1] = b[i];
        }
        return new BlockRealMatrix(rows);
    }

    @Test
    void pairsPointsOnCommonStepsOnly() {
        long[] stepsA = { 0, 10, 20, 30, 40 };
        double[] a = { 1, 2, 3, 4, 5 };
        long[] stepsB = { 10, 20, 25, 40, 50 };
        double[] b = { 20, 30, 999, 50, 999 };

        Correlation c = Correlations.of(stepsA, a, stepsB, b);

        assertThat(c.pairedPoints()).isEqualTo(3);
        assertThat(c.pearson()).isCloseTo(1.0, within(1e-12));
        assertThat(c.pearsonPValue()).isZero();
    }

    @Test
    void findsTheLagAtWhichOneMetricFollowsTheOther() {
        int n = 400;
        SplittableRandom random = new SplittableRandom(5);
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            b[i] = i >= 7 ? a[i - 7] + 0.1 * random.nextGaussian() : random.nextGaussian();
        }

        Correlation c = Correlations.withLag(steps(n), a, steps(n), b, 20);

        assertThat(c.lag()).isEqualTo(7);
        assertThat(c.lagSteps()).isEqualTo(70);
        assertThat(c.pearson()).isGreaterThan(0.95);
        assertThat(c.pairedPoints()).isEqualTo(n - 7);
        assertThat(Correlations.of(steps(n), a, steps(n), b).pearson()).isLessThan(0.3);
    }

    @Test
    void aConstantSideOrTooFewCommonStepsIsReportedNotNaN() {
        Correlation constant = Correlations.of(steps(5), new double[] { 1, 2, 3, 4, 5 }, steps(5),
                new double[] { 2, 2, 2, 2, 2 });
        assertThat(constant.status()).isEqualTo(AnalysisStatus.CONSTANT_SERIES);
        assertThat(constant.pearson()).isNull();
        assertThat(constant.message()).contains("constant");

        Correlation few = Correlations.of(new long[] { 1, 2 }, new double[] { 1, 2 }, new long[] { 2, 3 },
                new double[] { 1, 2 });
        assertThat(few.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
        assertThat(few.message()).contains("at least 3 common steps, got 1");
    }

    @Test
    void rejectsMismatchedLengthsAndNegativeLags() {
        assertThatThrownBy(() -> Correlations.of(new long[3], new double[2], new long[3], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
        assertThatThrownBy(() -> Correlations.withLag(steps(3), new double[3], steps(3), new double[3], -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLag");
    }
}
