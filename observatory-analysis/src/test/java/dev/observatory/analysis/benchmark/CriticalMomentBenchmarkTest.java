package dev.observatory.analysis.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.analysis.moments.MomentOptions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The labelled benchmark of issue 3 with its quality bars. Reported seeds start at {@link #REPORTED_SEEDS}; the
 * detector defaults were tuned on other seeds (5000.. and 9000..), never on these.
 */
class CriticalMomentBenchmarkTest {

    static final long REPORTED_SEEDS = 1000;
    private static List<LabelledCurve> curves;
    private static MomentBenchmark.Result result;

    @BeforeAll
    static void run() {
        curves = SyntheticCurves.suite(REPORTED_SEEDS, 8);
        result = MomentBenchmark.run(curves, MomentOptions.DEFAULTS);
    }

    @Test
    void theSuiteHasAtLeast300CurvesOfEveryKindAndNoiseLevel() {
        assertThat(curves).hasSizeGreaterThanOrEqualTo(300);
        assertThat(curves).extracting(LabelledCurve::injectedName).contains("none", "breakthrough", "drop", "plateau",
                "divergence");
        assertThat(curves).extracting(LabelledCurve::noise).contains(0.0, 0.15);
        assertThat(curves).extracting(LabelledCurve::family).contains("power_law", "exponential");
        assertThat(SyntheticCurves.suite(REPORTED_SEEDS, 8).get(17).values()).containsExactly(curves.get(17).values());
    }

    @Test
    void detectsCriticalMomentsWithPrecisionAndRecallOfAtLeastNinetyPercent() {
        TypeScore all = result.overall();

        assertThat(all.precision()).as(result.scores().toString()).isGreaterThanOrEqualTo(0.9);
        assertThat(all.recall()).as(result.scores().toString()).isGreaterThanOrEqualTo(0.9);
        // per type the bar is lower: plateaus in very noisy curves are the hardest (see docs/benchmarks.md)
        for (TypeScore s : result.scores().values()) {
            assertThat(s.precision()).as(s.toString()).isGreaterThanOrEqualTo(0.8);
            assertThat(s.recall()).as(s.toString()).isGreaterThanOrEqualTo(0.8);
        }
    }

    @Test
    void forecastsTheFinalLossOfPowerLawCurvesFromTheirFirstHalfWithinFivePercent() {
        ForecastBenchmark.Result r = ForecastBenchmark.run(curves, "power_law");

        assertThat(r.curves()).isGreaterThanOrEqualTo(40);
        assertThat(r.medianApe()).as(r.toString()).isLessThanOrEqualTo(5.0);
        assertThat(r.failed()).isZero();
    }

    @Test
    void rendersTheConfusionTableAsMarkdown() {
        String md = BenchmarkReport.markdown(curves, result, List.of(ForecastBenchmark.run(curves, "power_law")));

        assertThat(md).contains("| breakthrough |", "| all |", "MAPE", "power_law");
    }
}
