package dev.observatory.core.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CurvesTest {

    @Test
    void learningRateWarmsUpLinearlyThenDecaysAlongACosine() {
        assertThat(Curves.warmupCosine(0, 1000, 100, 1e-3, 0.1)).isCloseTo(1e-5, within(1e-12));
        assertThat(Curves.warmupCosine(49, 1000, 100, 1e-3, 0.1)).isCloseTo(5e-4, within(1e-12));
        assertThat(Curves.warmupCosine(100, 1000, 100, 1e-3, 0.1)).isCloseTo(1e-3, within(1e-12));
        assertThat(Curves.warmupCosine(550, 1000, 100, 1e-3, 0.1)).isCloseTo(5.5e-4, within(1e-12));
        assertThat(Curves.warmupCosine(1000, 1000, 100, 1e-3, 0.1)).isCloseTo(1e-4, within(1e-12));
    }

    @Test
    void decayFallsFromOneToZeroFastestAtTheStart() {
        assertThat(Curves.decay(0, 1000, 0.7)).isEqualTo(1.0);
        assertThat(Curves.decay(1000, 1000, 0.7)).isCloseTo(0.0, within(1e-12));
        double firstTenth = 1 - Curves.decay(100, 1000, 0.7);
        double lastTenth = Curves.decay(900, 1000, 0.7);
        assertThat(firstTenth).isGreaterThan(10 * lastTenth);
    }

    @Test
    void riseGoesFromZeroToOne() {
        assertThat(Curves.rise(0, 0.4, 0.12)).isCloseTo(0.0, within(1e-12));
        assertThat(Curves.rise(1, 0.4, 0.12)).isCloseTo(1.0, within(1e-12));
        assertThat(Curves.rise(0.4, 0.4, 0.12)).isBetween(0.4, 0.6);
    }

    @Test
    void accuracyIsChanceAtTheChanceLossAndNearOneAtZeroLoss() {
        assertThat(Curves.accuracyFromLoss(Math.log(10), Math.log(10), 0.1)).isCloseTo(0.1, within(1e-12));
        assertThat(Curves.accuracyFromLoss(0.01, Math.log(10), 0.1)).isGreaterThan(0.98);
    }
}
