package dev.observatory.analysis.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.observatory.analysis.AnalysisStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BehaviouralPatternsTest {

    private static BehaviouralPatterns.Series series(int n, java.util.function.IntToDoubleFunction f) {
        long[] steps = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i * 100L;
            values[i] = f.applyAsDouble(i);
        }
        return new BehaviouralPatterns.Series(steps, values);
    }

    @Test
    void anActionIsMasteredWhenItsRateSettles() {
        Map<String, BehaviouralPatterns.Series> family = new LinkedHashMap<>();
        family.put("actions/jump_rate", series(1000, i -> 0.8 / (1 + Math.exp(-(i - 300) / 30.0))));
        family.put("actions/noop_rate", series(1000, i -> 0.9 - i * 0.0008));

        List<ActionMastery> mastery = BehaviouralPatterns.mastery(family);

        ActionMastery jump = mastery.get(0);
        assertThat(jump.action()).isEqualTo("jump_rate");
        assertThat(jump.stable()).isTrue();
        assertThat(jump.masteredAtStep()).isBetween(35_000L, 50_000L);
        assertThat(jump.finalRate()).isCloseTo(0.8, within(0.01));
        ActionMastery noop = mastery.get(1);
        assertThat(noop.masteredAtStep()).isGreaterThan(90_000L);
    }

    @Test
    void aConstantRateIsMasteredFromTheStartAndTooFewPointsSaySo() {
        ActionMastery constant = BehaviouralPatterns.mastery("a", new long[] { 1, 2, 3 }, new double[] { 1, 1, 1 },
                0.05);
        assertThat(constant.status()).isEqualTo(AnalysisStatus.CONSTANT_SERIES);
        assertThat(constant.masteredAtStep()).isEqualTo(1);

        ActionMastery few = BehaviouralPatterns.mastery("a", new long[] { 1 }, new double[] { 1 }, 0.05);
        assertThat(few.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
        assertThat(few.finalRate()).isNull();
        assertThatThrownBy(() -> BehaviouralPatterns.mastery("a", new long[1], new double[1], 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("toleranceFraction");
    }

    @Test
    void measuresRewardPerUnitOfResourceOnCommonSteps() {
        long[] steps = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
        double[] reward = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        double[] energy = { 1, 1, 1, 1, 0, 1, 1, 1, 1, 1 };

        ResourceEfficiency e = BehaviouralPatterns.efficiency(steps, reward, steps, energy);

        assertThat(e.status()).isEqualTo(AnalysisStatus.OK);
        assertThat(e.pairedPoints()).isEqualTo(9);
        assertThat(e.firstEfficiency()).isEqualTo(1.0);
        assertThat(e.lastEfficiency()).isEqualTo(10.0);
        assertThat(e.relativeChange()).isCloseTo(9.0, within(1e-12));
        assertThat(e.trend()).isEqualTo("improving");
    }

    @Test
    void efficiencyNeedsThreeCommonStepsWithResourceUse() {
        ResourceEfficiency e = BehaviouralPatterns.efficiency(new long[] { 1, 2, 3 }, new double[] { 1, 2, 3 },
                new long[] { 1, 2, 3 }, new double[] { 0, 0, 1 });

        assertThat(e.status()).isEqualTo(AnalysisStatus.INSUFFICIENT_DATA);
        assertThat(e.meanEfficiency()).isNull();
        assertThat(e.message()).contains("got 1");
    }
}
