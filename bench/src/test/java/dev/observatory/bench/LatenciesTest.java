package dev.observatory.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesUseTheNearestRankOverAllMergedClients() {
        Latencies a = new Latencies(1);
        Latencies b = new Latencies(1);
        for (int i = 1; i <= 500; i++) {
            a.add(i * 1_000_000L);
            b.add((1000 - i + 1) * 1_000_000L);
        }
        Latencies all = Latencies.merge(List.of(a, b));

        assertThat(all.size()).isEqualTo(1000);
        assertThat(all.percentile(50)).isEqualTo(500_000_000L);
        assertThat(all.percentile(99)).isEqualTo(990_000_000L);
        assertThat(all.percentile(99.9)).isEqualTo(999_000_000L);
        assertThat(all.percentile(100)).isEqualTo(1_000_000_000L);
        assertThat(all.millis(50)).isEqualTo("500.000");
    }

    @Test
    void anEmptyRecordingReportsZero() {
        assertThat(new Latencies(0).percentile(99)).isZero();
    }
}
