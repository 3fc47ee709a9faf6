package dev.observatory.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.slo.Slos;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertEngineTest {
    static final Instant T0 = Instant.parse("2025-06-30T12:00:00Z");
    final MutableClock clock = new MutableClock(T0);
    final InMemoryStorage store = new InMemoryStorage();
    final Tracking tracking = new Tracking(store, clock, false, new Auditor(store.audit(), clock));
    final Alerts alerts = new Alerts(tracking);
    final Actor actor = Actor.anonymous("test");
    int ids;

    @AfterEach
    void close() {
        AlertEngine.of(tracking).close();
    }

    /** Ten spans of the service in the minute before now, {@code failed} of them failed. */
    private void calls(String service, int failed) {
        long now = clock.instant().getEpochSecond() * 1_000_000_000L;
        for (int i = 0; i < 10; i++) {
            ids++;
            long start = now - 60_000_000_000L + i * 1_000_000_000L;
            store.traces()
                    .append(List.of(new Span(String.format("%032x", ids), String.format("%016x", ids), null, service,
                            "chat", SpanKind.CLIENT, start, start + 50_000_000L,
                            i < failed ? SpanStatus.ERROR : SpanStatus.OK, null,
                            Map.of("gen_ai.operation.name", "chat", "gen_ai.request.model", "gpt-4o"), Map.of(), "", "",
                            List.of(), List.of())));
        }
    }

    private AlertRule errorRate(Duration forDuration) {
        return new AlertRule("high-error-rate", "trace_metric", Map.of("metric", "error_rate", "window_minutes", "5"),
                true, 0.2, forDuration, Severity.CRITICAL, Map.of("team", "ml"), "too many failed calls");
    }

    @Test
    void traceMetricRuleGoesPendingFiringResolvedWithTimestamps() {
        alerts.createRule(actor, errorRate(Duration.ofMinutes(1)));
        calls("chat-api", 5);
        calls("other", 0);
        assertThat(alerts.evaluate()).isEmpty();
        AlertState pending = alerts.alerts(null, Map.of()).getFirst();
        assertThat(pending.state()).isEqualTo("pending");
        assertThat(pending.labels()).containsEntry("service", "chat-api").containsEntry("team", "ml")
                .containsEntry("alertname", "high-error-rate").containsEntry("severity", "critical");
        assertThat(alerts.alerts(null, Map.of())).hasSize(1);

        clock.advance(Duration.ofSeconds(30));
        assertThat(alerts.evaluate()).as("for 1m not reached").isEmpty();
        clock.advance(Duration.ofSeconds(30));
        List<Notification> fired = alerts.evaluate();
        assertThat(fired).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo("firing");
            assertThat(n.alert().firingSince()).isEqualTo(T0.plusSeconds(60));
            assertThat(n.alert().activeSince()).isEqualTo(T0);
        });

        clock.advance(Duration.ofMinutes(10)); // the failed calls left the 5-minute window
        calls("chat-api", 0);
        List<Notification> resolved = alerts.evaluate();
        assertThat(resolved).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo("resolved");
            assertThat(n.alert().resolvedAt()).isEqualTo(T0.plusSeconds(660));
        });
        assertThat(alerts.alerts("resolved", Map.of("service", "chat-api"))).hasSize(1);
    }

    @Test
    void statesAreStoredAndReadBackByANewEngine() {
        alerts.createRule(actor, errorRate(Duration.ZERO));
        calls("chat-api", 5);
        assertThat(alerts.evaluate()).hasSize(1);
        AlertEngine.of(tracking).close();
        AlertEngine fresh = AlertEngine.start(tracking, AlertSettings.DEFAULTS);
        assertThat(new Alerts(tracking).alerts("firing", Map.of())).singleElement()
                .satisfies(a -> assertThat(a.firingSince()).isEqualTo(T0));
        assertThat(fresh.evaluate(clock.instant())).as("still firing: no new notification").isEmpty();
    }

    @Test
    void aPendingAlertThatStopsHoldingIsDroppedWithoutNotification() {
        alerts.createRule(actor, errorRate(Duration.ofMinutes(5)));
        calls("chat-api", 5);
        alerts.evaluate();
        clock.advance(Duration.ofMinutes(10));
        assertThat(alerts.evaluate()).isEmpty();
        assertThat(alerts.alerts(null, Map.of())).isEmpty();
    }

    @Test
    void runMetricRuleNeedsEveryOneOfTheLastStepsBeyondTheThreshold() {
        Run run = tracking.createRun(actor, new NewRun("vision", "r1", RunStatus.RUNNING, "ada", List.of(), Map.of(),
                null, clock.instant(), null, null));
        alerts.createRule(actor,
                new AlertRule("loss-diverging", "run_metric",
                        Map.of("project", "vision", "metric", "loss", "steps", "3"), true, 5.0, Duration.ZERO,
                        Severity.WARNING, Map.of(), null));
        log(run, 1, 9.0);
        log(run, 2, 9.0);
        log(run, 3, 1.0);
        log(run, 4, 9.0);
        log(run, 5, 9.0);
        assertThat(alerts.evaluate()).as("step 3 was below").isEmpty();
        log(run, 6, 9.5);
        assertThat(alerts.evaluate()).singleElement()
                .satisfies(n -> assertThat(n.alert().labels()).containsEntry("run", run.id()));
    }

    private void log(Run run, long step, double v) {
        tracking.logMetrics(actor, run.id(), Map.of("loss",
                new MetricColumns(new long[] { step }, new double[] { v }, new long[] { clock.millis() })));
    }

    @Test
    void sloBurnRuleFiresWhenAWorkbookConditionHolds() {
        new Slos(tracking).create(actor, Map.of("name", "chat", "selector", Map.of("service", "chat-api")));
        alerts.createRule(actor, new AlertRule("chat-burn", "slo_burn", Map.of("slo", "chat"), true, 0, Duration.ZERO,
                Severity.CRITICAL, Map.of(), null));
        calls("chat-api", 0);
        assertThat(alerts.evaluate()).isEmpty();
        calls("chat-api", 5);
        assertThat(alerts.evaluate()).singleElement()
                .satisfies(n -> assertThat(n.alert().labels()).containsEntry("slo", "chat"));
    }

    @Test
    void aFailingRuleIsReportedAndDoesNotStopTheOthers() {
        alerts.createRule(actor, new AlertRule("gone", "slo_burn", Map.of("slo", "deleted"), true, 0, Duration.ZERO,
                Severity.CRITICAL, Map.of(), null));
        alerts.createRule(actor, errorRate(Duration.ZERO));
        calls("chat-api", 5);
        assertThat(alerts.evaluate()).hasSize(1);
        assertThat(alerts.ruleErrors()).containsKey("gone");
    }

    @Test
    void badRulesAreRejectedWithWhatToFix() {
        assertThatThrownBy(() -> alerts.createRule(actor,
                new AlertRule("x", "nope", Map.of(), true, 1, null, Severity.INFO, null, null)))
                        .hasMessageContaining("unknown signal 'nope'");
        assertThatThrownBy(() -> alerts.createRule(actor,
                new AlertRule("x", "trace_metric", Map.of("metric", "mood"), true, 1, null, Severity.INFO, null, null)))
                        .hasMessageContaining("error_rate");
        assertThatThrownBy(() -> alerts.createRule(actor,
                new AlertRule("x", "run_metric", Map.of("metric", "loss"), true, 1, null, Severity.INFO, null, null)))
                        .hasMessageContaining("params.run");
        assertThatThrownBy(
                () -> new AlertRule("Bad Name", "trace_metric", Map.of(), true, 1, null, Severity.INFO, null, null))
                        .hasMessageContaining("rule name");
        assertThatThrownBy(() -> Severity.parse("urgent")).hasMessageContaining("info, warning, error or critical");
    }
}
