package dev.observatory.core.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlosTest {
    static final Instant NOW = Instant.parse("2025-06-30T12:00:00Z");
    final InMemoryStorage store = new InMemoryStorage();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Tracking tracking = new Tracking(store, clock, false, new Auditor(store.audit(), clock));
    final Slos slos = new Slos(tracking);
    final Actor actor = Actor.anonymous("test");
    int ids;

    private void span(String service, Instant start, long durationMs, boolean failed) {
        long s = start.getEpochSecond() * 1_000_000_000L;
        ids++;
        store.traces().append(List.of(new Span(String.format("%032x", ids), String.format("%016x", ids), null, service,
                "GET /predict", SpanKind.SERVER, s, s + durationMs * 1_000_000,
                failed ? SpanStatus.ERROR : SpanStatus.OK, null, Map.of(), Map.of(), "", "", List.of(), List.of())));
    }

    /** 3,888 good 100 ms spans from 30 to 3 days ago; 60 spans of 3 s in the last hour, the last 6 failed. */
    private void burningService() {
        for (Instant t = NOW.minus(Duration.ofDays(30)); t
                .isBefore(NOW.minus(Duration.ofDays(3))); t = t.plus(Duration.ofMinutes(10))) {
            span("api", t, 100, false);
        }
        for (int m = 0; m < 60; m++) {
            span("api", NOW.minus(Duration.ofMinutes(60 - m)), 3000, m >= 54);
        }
    }

    private SloDefinition availability() {
        return SloSpecs.parse(Map.of("name", "api-avail", "type", "availability", "target", 99.9, "selector",
                Map.of("service", "api")), "api");
    }

    @Test
    void availabilityStatusHasComplianceBudgetBurnRatesAndFiringPages() {
        burningService();
        SloStatus s = slos.status(availability(), NOW);
        assertThat(s.events()).isEqualTo(3948);
        assertThat(s.badEvents()).isEqualTo(6);
        assertThat(s.compliancePercent()).isCloseTo(100.0 * 3942 / 3948, within(1e-9));
        assertThat(s.meeting()).isFalse();
        assertThat(s.budgetRemaining()).isCloseTo(1 - 6 / 3.948, within(1e-9));
        assertThat(s.burnRates()).containsEntry("1h", 100.0).containsEntry("6h", 100.0).containsEntry("3d", 100.0);
        assertThat(s.alerts()).allMatch(BurnAlert::firing);
        assertThat(s.alerts().get(0).shortBurn()).isCloseTo(1000, within(1e-6)); // 5m: 5 of 5 failed
        assertThat(s.firingSeverity()).isEqualTo("page");
    }

    @Test
    void oldFailuresUseBudgetButFireNoBurnAlert() {
        for (int i = 0; i < 2000; i++) {
            span("api", NOW.minus(Duration.ofDays(10)).plusSeconds(i), 10, i < 1);
        }
        SloStatus s = slos.status(availability(), NOW);
        assertThat(s.budgetRemaining()).isCloseTo(0.5, within(1e-9));
        assertThat(s.meeting()).isTrue();
        assertThat(s.alerts()).noneMatch(BurnAlert::firing);
        assertThat(s.firingSeverity()).isNull();
    }

    @Test
    void latencyStatusCountsSlowSpansAsBadAndEstimatesThePercentile() {
        burningService();
        SloDefinition p95 = SloSpecs.parse(Map.of("name", "api-p95", "type", "latency", "percentile", 95,
                "threshold_ms", 2000, "selector", Map.of("service", "api")), "api");
        SloStatus s = slos.status(p95, NOW);
        assertThat(s.badEvents()).isEqualTo(60);
        assertThat(s.meeting()).isTrue();
        assertThat(s.value()).isBetween(75.0, 100.0);
        assertThat(s.burnRates().get("1h")).isCloseTo(20.0, within(1e-9)); // all slow, budget 5%
    }

    @Test
    void errorRateValueIsThePercentOfFailedSpans() {
        burningService();
        SloDefinition err = SloSpecs.parse(Map.of("name", "api-err", "type", "error_rate", "max_error_rate", 0.1,
                "selector", Map.of("service", "api")), "api");
        SloStatus s = slos.status(err, NOW);
        assertThat(s.value()).isCloseTo(100.0 * 6 / 3948, within(1e-9));
        assertThat(err.targetPercent()).isCloseTo(99.9, within(1e-9));
    }

    @Test
    void noEventsMeansFullBudgetAndNoValue() {
        SloStatus s = slos.status(availability(), NOW);
        assertThat(s.events()).isZero();
        assertThat(s.value()).isNull();
        assertThat(s.budgetRemaining()).isEqualTo(1);
        assertThat(s.meeting()).isTrue();
    }

    @Test
    void impossibleTargetsEmptySelectorsAndBadWindowsAreRejectedClearly() {
        Map<String, Object> sel = Map.of("service", "api");
        assertThatThrownBy(() -> SloSpecs.parse(Map.of("name", "a", "target", 100, "selector", sel), "api"))
                .hasMessageContaining("impossible target");
        assertThatThrownBy(() -> SloSpecs.parse(Map.of("name", "a", "target", 0, "selector", sel), "api"))
                .hasMessageContaining("impossible target");
        assertThatThrownBy(() -> SloSpecs.parse(Map.of("name", "a", "selector", Map.of()), "api"))
                .hasMessageContaining("empty selector");
        assertThatThrownBy(() -> SloSpecs.parse(Map.of("name", "a", "selector", sel, "window", "7w"), "api"))
                .hasMessageContaining("calendar_month");
        assertThatThrownBy(() -> SloSpecs.parse(Map.of("name", "a", "type", "speed", "selector", sel), "api"))
                .hasMessageContaining("availability, latency or error_rate");
        assertThatThrownBy(() -> SloSpecs
                .parse(Map.of("name", "a", "type", "latency", "threshold_ms", -1, "selector", sel), "api"))
                        .hasMessageContaining("threshold_ms");
        assertThatThrownBy(() -> SloSpecs.parse(Map.of("name", "a", "selector", sel, "colour", "red"), "api"))
                .hasMessageContaining("unknown SLO field 'colour'");
    }

    @Test
    void defaultsAreTheSeedTargets() {
        List<SloDefinition> d = SloDefinition.defaults("api");
        assertThat(d).extracting(SloDefinition::targetPercent).containsExactly(99.9, 95.0, 99.0, 99.9);
        assertThat(d).extracting(SloDefinition::thresholdMs).containsExactly(0.0, 2000.0, 5000.0, 0.0);
        SloDefinition p99 = SloSpecs.parse(
                Map.of("name", "x", "type", "latency", "percentile", 99, "selector", Map.of("service", "api")), "api");
        assertThat(p99.thresholdMs()).isEqualTo(5000);
    }

    @Test
    void calendarMonthStartsOnTheFirstOfTheMonthUtc() {
        assertThat(SloWindow.parse("calendar_month").start(NOW)).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(SloWindow.parse("rolling_28d").start(NOW)).isEqualTo(NOW.minus(Duration.ofDays(28)));
        assertThat(SloWindow.parse("30d").days()).isEqualTo(30);
    }

    @Test
    void createdSlosAreListedAfterConfiguredOnesAndCannotShadowThem() {
        Slos.configure(tracking, List.of(availability()));
        SloDefinition created = slos.create(actor, Map.of("name", "api-p99", "type", "latency", "percentile", 99,
                "selector", Map.of("service", "api", "kind", "server")));
        assertThat(created.selector().kind()).isEqualTo("SERVER");
        assertThat(slos.list()).extracting(SloDefinition::name).containsExactly("api-avail", "api-p99");
        assertThat(slos.get("api-p99").source()).isEqualTo("api");
        assertThat(slos.get("api-avail").source()).isEqualTo("api");
        assertThatThrownBy(() -> slos.create(actor, Map.of("name", "api-avail", "selector", Map.of("service", "x"))))
                .isInstanceOf(ConflictException.class);
        assertThat(slos.delete(actor, "api-p99")).isTrue();
        assertThatThrownBy(() -> slos.get("api-p99")).isInstanceOf(NotFoundException.class);
        Tracking readOnly = new Tracking(store, clock, true, tracking.auditor());
        assertThatThrownBy(
                () -> new Slos(readOnly).create(actor, Map.of("name", "b", "selector", Map.of("service", "x"))))
                        .isInstanceOf(ReadOnlyException.class);
    }

    @Test
    void reportHasOnePointPerStepAndThePeriodCompliance() {
        burningService();
        slos.create(actor, Map.of("name", "api-avail", "selector", Map.of("service", "api")));
        SloReport r = slos.report("api-avail", NOW.minus(Duration.ofDays(30)), NOW, Duration.ofDays(1));
        assertThat(r.points()).hasSize(30);
        assertThat(r.period().events()).isEqualTo(3948);
        assertThat(r.points().get(29).goodPercent()).isCloseTo(90, within(1e-9));
        assertThat(r.points().get(0).budgetRemaining()).isEqualTo(1);
        assertThat(r.points().get(29).budgetRemaining()).isCloseTo(r.period().budgetRemaining(), within(1e-9));
        assertThatThrownBy(() -> slos.report("api-avail", NOW.minus(Duration.ofDays(300)), NOW, Duration.ofHours(1)))
                .hasMessageContaining("at most 200 points");
    }

    @Test
    void definitionsLoadFromYamlWithTheFileNamedInErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a.yaml"), """
                slos:
                  - name: api-availability
                    type: availability
                    target: 99.95
                    selector: {service: api}
                    window: calendar_month
                  - name: api-p95
                    type: latency
                    percentile: 95
                    threshold_ms: 2000
                    selector: {service: api, route: "GET /predict"}
                """);
        List<SloDefinition> d = SloSpecs.load(dir);
        assertThat(d).extracting(SloDefinition::name).containsExactly("api-availability", "api-p95");
        assertThat(d.get(0).window().calendarMonth()).isTrue();
        assertThat(d.get(1).source()).isEqualTo("config");
        java.nio.file.Files.writeString(dir.resolve("b.yml"),
                "slos:\n  - name: bad\n    target: 100\n" + "    selector: {service: api}\n");
        assertThatThrownBy(() -> SloSpecs.load(dir)).hasMessageStartingWith("b.yml: ")
                .hasMessageContaining("impossible target");
    }

    @Test
    void statusRollsUpSpansButNotInReadOnlyMode() {
        burningService();
        Tracking readOnly = new Tracking(store, clock, true, tracking.auditor());
        SloStatus ro = new Slos(readOnly).status(availability(), NOW);
        assertThat(store.ops().rolledUpTo()).isEqualTo(Long.MIN_VALUE);
        SloStatus rw = slos.status(availability(), NOW);
        assertThat(store.ops().rolledUpTo()).isEqualTo(NOW.minus(SpanSliSource.LAG).getEpochSecond() * 1_000_000_000L);
        assertThat(rw.events()).isEqualTo(ro.events());
        assertThat(rw.burnRates()).isEqualTo(ro.burnRates());
    }
}
