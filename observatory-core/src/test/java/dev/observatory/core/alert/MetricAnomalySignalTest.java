package dev.observatory.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.opsmetrics.OpsIngest;
import dev.observatory.core.opsmetrics.OpsMetrics;
import dev.observatory.model.opsmetric.OpsSamples;
import dev.observatory.model.opsmetric.OpsSeries;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** metric_anomaly rules: the newest point of a service metric series against its robust baseline. */
class MetricAnomalySignalTest {
    static final Instant NOW = Instant.parse("2025-06-30T12:00:00Z");
    final InMemoryStorage store = new InMemoryStorage();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Tracking tracking = new Tracking(store, clock, false, new Auditor(store.audit(), clock));
    final AlertSignal signal = AlertSignals.get("metric_anomaly");

    /** A gauge every minute for six hours around 10 (deterministic wiggle), its last value given. */
    private void queueDepth(String queue, double last) {
        int n = 361;
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = NOW.toEpochMilli() - (n - 1 - i) * 60_000L;
            v[i] = i == n - 1 ? last : 10 + (i % 7) * 0.3;
        }
        new OpsMetrics(tracking).ingest(
                OpsIngest.of(List.of(new OpsSamples(OpsSeries.of("queue_depth", Map.of("queue", queue)), t, v))));
    }

    private AlertRule rule(Map<String, String> params) {
        return new AlertRule("queue-anomaly", "metric_anomaly", params, true, 3.5, Duration.ZERO, Severity.WARNING,
                Map.of(), null);
    }

    @Test
    void theNewestPointFarOutsideTheBaselineScoresHighAndANormalOneLow() {
        queueDepth("spiky", 50);
        queueDepth("calm", 10.6);
        AlertRule r = rule(Map.of("query", "queue_depth", "lookback_minutes", "360", "step_seconds", "60"));
        signal.validate(r.params());

        List<AlertSignal.Sample> samples = signal.sample(r, new AlertSignal.Round(tracking, NOW));

        assertThat(samples).hasSize(2);
        AlertSignal.Sample spiky = samples.stream().filter(s -> "spiky".equals(s.labels().get("queue"))).findFirst()
                .orElseThrow();
        AlertSignal.Sample calm = samples.stream().filter(s -> "calm".equals(s.labels().get("queue"))).findFirst()
                .orElseThrow();
        assertThat(r.holds(spiky.value())).as("score %s", spiky.value()).isTrue();
        assertThat(spiky.context()).containsEntry("value", 50.0);
        assertThat(r.holds(calm.value())).as("score %s", calm.value()).isFalse();
    }

    @Test
    void directionDownIgnoresASpikeUp() {
        queueDepth("spiky", 50);
        AlertRule r = rule(Map.of("query", "queue_depth", "direction", "down", "step_seconds", "60"));
        assertThat(signal.sample(r, new AlertSignal.Round(tracking, NOW))).singleElement()
                .satisfies(s -> assertThat(r.holds(s.value())).isFalse());
    }

    @Test
    void badParametersSayWhatToFix() {
        assertThatThrownBy(() -> signal.validate(Map.of())).hasMessageContaining("needs params.query");
        assertThatThrownBy(() -> signal.validate(Map.of("query", "sum(x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signal.validate(Map.of("query", "x", "lookback_minutes", "10")))
                .hasMessageContaining("points");
        assertThatThrownBy(() -> signal.validate(Map.of("query", "x", "season", "hourly")))
                .hasMessageContaining("none, daily or weekly");
        assertThatThrownBy(() -> signal.validate(Map.of("query", "x", "direction", "sideways")))
                .hasMessageContaining("both, up or down");
        assertThatThrownBy(() -> signal.validate(Map.of("query", "x", "source", "graphite")))
                .hasMessageContaining("observatory or prometheus");
    }
}
