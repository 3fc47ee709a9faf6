package dev.observatory.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.model.slo.Delivery;
import dev.observatory.model.slo.DeliveryQuery;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.store.memory.InMemoryStorage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinksTest {
    static final UrlGuard LOOPBACK = new UrlGuard(false, true, false);
    static final Instant T0 = Instant.parse("2025-06-30T12:00:00Z");
    final MutableClock clock = new MutableClock(T0);
    final InMemoryStorage store = new InMemoryStorage();
    final Tracking tracking = new Tracking(store, clock, false, new Auditor(store.audit(), clock));
    final Actor actor = Actor.anonymous("test");
    @TempDir
    Path dir;
    int ids;

    @AfterEach
    void close() {
        AlertEngine.of(tracking).close();
    }

    private void failingCalls(String service) {
        long now = clock.instant().getEpochSecond() * 1_000_000_000L;
        for (int i = 0; i < 4; i++) {
            ids++;
            long start = now - 30_000_000_000L + i;
            store.traces()
                    .append(List.of(new Span(String.format("%032x", ids), String.format("%016x", ids), null, service,
                            "chat", SpanKind.CLIENT, start, start + 1_000_000L, SpanStatus.ERROR, null,
                            Map.of("gen_ai.operation.name", "chat"), Map.of(), "", "", List.of(), List.of())));
        }
    }

    private Alerts engine(SinkConfig... sinks) {
        AlertEngine.start(tracking, new AlertSettings(Duration.ZERO, List.of(sinks), LOOPBACK, dir));
        Alerts alerts = new Alerts(tracking);
        alerts.createRule(actor, new AlertRule("errors", "trace_metric", Map.of("metric", "error_rate"), true, 0.5,
                Duration.ZERO, Severity.ERROR, Map.of(), "calls fail"));
        return alerts;
    }

    /** The sink's log entries with one outcome, once there is one (deliveries are logged by the sink's thread). */
    private List<Delivery> log(String sink, String outcome) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Delivery> d = List.of();
        while (System.nanoTime() < end) {
            d = store.ops().deliveries(new DeliveryQuery(0, sink, outcome, 100));
            if (!d.isEmpty()) {
                return d;
            }
            Thread.sleep(10);
        }
        return d;
    }

    private List<Delivery> log(String sink) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Delivery> d = List.of();
        while (System.nanoTime() < end) {
            d = store.ops().deliveries(new DeliveryQuery(0, sink, null, 100));
            if (!d.isEmpty()) {
                Thread.sleep(200); // the rest of a group is logged right after the first line
                return store.ops().deliveries(new DeliveryQuery(0, sink, null, 100));
            }
            Thread.sleep(10);
        }
        return d;
    }

    @Test
    void webhookPostsJsonSignedWithHmacSha256() throws Exception {
        try (Receiver hook = new Receiver()) {
            Alerts alerts = engine(SinkConfig.of("hook", "webhook", hook.url("/hook")).withDelivery("s3cret",
                    Duration.ofSeconds(2), 0, 60, 10));
            failingCalls("a");
            alerts.evaluate();
            Receiver.Request r = hook.await(1).requests.getFirst();
            assertThat(r.path()).isEqualTo("/hook");
            assertThat(r.body()).contains("\"status\":\"firing\"").contains("\"service\":\"a\"");
            assertThat(r.signature())
                    .isEqualTo("sha256=" + HttpSink.hmac("s3cret", r.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(r.signature()).isNotEqualTo("sha256=" + HttpSink.hmac("other", r.body().getBytes()));
            assertThat(log("hook")).singleElement().satisfies(d -> {
                assertThat(d.outcome()).isEqualTo("delivered");
                assertThat(d.detail()).isEqualTo("HTTP 200");
            });
        }
    }

    @Test
    void webhookRetriesServerErrorsWithBackoffThenLogsTheFailure() throws Exception {
        try (Receiver hook = new Receiver()) {
            hook.status = 503;
            Alerts alerts = engine(SinkConfig.of("hook", "webhook", hook.url("/")).withDelivery(null,
                    Duration.ofSeconds(2), 2, 60, 10));
            failingCalls("a");
            alerts.evaluate();
            assertThat(log("hook")).singleElement().satisfies(d -> {
                assertThat(d.outcome()).isEqualTo("failed");
                assertThat(d.attempts()).isEqualTo(3);
                assertThat(d.detail()).isEqualTo("HTTP 503");
            });
            assertThat(hook.requests).hasSize(3);
        }
    }

    @Test
    void aDeadAndASlowEndpointDoNotHoldBackTheOtherSinks() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (Receiver slow = new Receiver();
                Receiver fast = new Receiver()) {
            slow.hold = true;
            Alerts alerts = engine(
                    SinkConfig.of("dead", "webhook", "http://127.0.0.1:" + deadPort + "/").withDelivery(null,
                            Duration.ofSeconds(1), 3, 60, 10),
                    SinkConfig.of("slow", "webhook", slow.url("/")).withDelivery(null, Duration.ofSeconds(30), 0, 60,
                            10),
                    SinkConfig.of("fast", "webhook", fast.url("/")), SinkConfig.of("file", "file", "alerts.jsonl"));
            failingCalls("a");
            failingCalls("b");
            assertThat(alerts.evaluate()).hasSize(2); // returns while "slow" still holds its request
            fast.await(1);
            assertThat(fast.requests).hasSize(1);
            assertThat(log("file")).allMatch(d -> d.outcome().equals("delivered"));
            assertThat(Files.readAllLines(dir.resolve("alerts.jsonl"))).hasSize(2)
                    .allMatch(l -> l.contains("\"status\":\"firing\""));
            assertThat(slow.await(1).requests).hasSize(1);
            assertThat(alerts.sinkCounts().get("slow")).doesNotContainKey("delivered");
            slow.release.countDown();
            assertThat(log("slow")).as("one line per alert of the group").hasSize(2)
                    .allMatch(d -> d.outcome().equals("delivered"));
            assertThat(log("dead")).hasSize(2).allMatch(d -> d.outcome().equals("failed") && d.attempts() == 4);
        }
    }

    @Test
    void stormsAreRateLimitedAndQueueOverflowIsCountedNeverSilent() throws Exception {
        try (Receiver hook = new Receiver()) {
            hook.hold = true;
            Alerts alerts = engine(SinkConfig.of("hook", "webhook", hook.url("/"))
                    .withDelivery(null, Duration.ofSeconds(30), 0, 3, 1).withGroupBy(List.of("service")));
            for (int s = 0; s < 5; s++) {
                failingCalls("svc-" + s);
            }
            // group by service so that each alert is its own delivery
            assertThat(alerts.evaluate()).hasSize(5);
            Map<String, Long> counts = alerts.sinkCounts().get("hook");
            assertThat(counts.get("rate_limited")).isEqualTo(2); // 3 tokens for 5 deliveries
            // 3 taken: one in flight or queued (capacity 1), the rest dropped
            long dropped = counts.getOrDefault("dropped_queue_full", 0L);
            assertThat(dropped).isBetween(1L, 2L);
            assertThat(store.ops().deliveries(new DeliveryQuery(0, "hook", "rate_limited", 10))).hasSize(2);
        }
    }

    @Test
    void silencesAndDuplicatesAreSuppressedAndLogged() throws Exception {
        Alerts alerts = engine(SinkConfig.of("file", "file", "a.jsonl"));
        alerts.silence(actor, Map.of("service", "a"), T0.plus(Duration.ofHours(1)), "maintenance");
        failingCalls("a");
        failingCalls("b");
        alerts.evaluate();
        assertThat(store.ops().deliveries(new DeliveryQuery(0, "file", "silenced", 10))).hasSize(1);
        assertThat(log("file", "delivered")).hasSize(1);
        assertThatThrownBy(() -> alerts.silence(actor, Map.of(), T0.plusSeconds(60), null))
                .hasMessageContaining("at least one matcher");
        assertThatThrownBy(() -> alerts.silence(actor, Map.of("service", "a"), T0.minusSeconds(1), null))
                .hasMessageContaining("future");
    }

    @Test
    void severityFilterSuppressesLowerAlerts() throws Exception {
        Alerts alerts = engine(SinkConfig.of("file", "file", "a.jsonl").withMinSeverity(Severity.CRITICAL));
        failingCalls("a");
        alerts.evaluate();
        assertThat(log("file")).singleElement().satisfies(d -> assertThat(d.outcome()).isEqualTo("below_severity"));
    }

    @Test
    void ssrfGuardRefusesOtherSchemesLinkLocalMetadataPrivateAndUnconfiguredLoopback() {
        assertThatThrownBy(() -> UrlGuard.STRICT.check("file:///etc/passwd")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> UrlGuard.STRICT.check("gopher://x/")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> UrlGuard.STRICT.check("http://169.254.169.254/latest/meta-data"))
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> UrlGuard.STRICT.check("http://[fe80::1]/")).hasMessageContaining("link-local");
        assertThatThrownBy(() -> UrlGuard.STRICT.check("http://metadata.google.internal/"))
                .hasMessageContaining("metadata");
        assertThatThrownBy(() -> UrlGuard.STRICT.check("http://10.1.2.3/")).hasMessageContaining("private");
        assertThatThrownBy(() -> UrlGuard.STRICT.check("http://192.168.0.10/")).hasMessageContaining("private");
        assertThatThrownBy(() -> UrlGuard.STRICT.check("http://127.0.0.1:9/")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> UrlGuard.STRICT.check("http://0.0.0.0/")).hasMessageContaining("unspecified");
        assertThat(new UrlGuard(true, false, false).check("http://10.1.2.3/").getHost()).isEqualTo("10.1.2.3");
        assertThat(LOOPBACK.check("http://127.0.0.1:9/x").getPort()).isEqualTo(9);
        assertThat(UrlGuard.STRICT.check("https://93.184.215.14/hook").getScheme()).isEqualTo("https");
        assertThatThrownBy(() -> new HttpSink(SinkConfig.of("h", "webhook", "http://169.254.169.254/"), UrlGuard.STRICT,
                HttpSink.Format.WEBHOOK)).hasMessageContaining("refused");
    }

    @Test
    void fileSinksStayInsideTheAlertDirectory() {
        assertThatThrownBy(() -> FileSink.resolve(dir, "../escape.jsonl")).hasMessageContaining("alert_file_dir");
        assertThatThrownBy(() -> FileSink.resolve(dir, "/etc/x.jsonl")).hasMessageContaining("alert_file_dir");
        assertThatThrownBy(() -> FileSink.resolve(null, "a.jsonl")).hasMessageContaining("alert_file_dir");
        assertThat(FileSink.resolve(dir, "jobs/a.jsonl")).isEqualTo(dir.toAbsolutePath().resolve("jobs/a.jsonl"));
    }

    @Test
    void slackPayloadHasTheTextOfEachAlert() throws Exception {
        try (Receiver slack = new Receiver()) {
            Alerts alerts = engine(SinkConfig.of("slack", "slack", slack.url("/services/T/B/X")));
            failingCalls("a");
            alerts.evaluate();
            String body = slack.await(1).requests.getFirst().body();
            assertThat(body).startsWith("{\"text\":").contains("FIRING").contains("errors");
        }
    }

    @Test
    void routeSendsTheMatchingFiringAlertsOnceAndCountsTheSuppressed() throws Exception {
        Alerts alerts = engine();
        alerts.createRule(actor, new AlertRule("errors-info", "trace_metric", Map.of("metric", "error_rate"), true, 0.5,
                Duration.ZERO, Severity.INFO, Map.of(), null));
        failingCalls("a");
        failingCalls("b");
        alerts.evaluate();
        Alerts.RoutingResult r = alerts.route(actor, Map.of("service", "a"),
                SinkConfig.of("adhoc", "file", "jobs/a.jsonl").withMinSeverity(Severity.WARNING), false);
        assertThat(r.routed()).isEqualTo(1);
        assertThat(r.suppressed()).isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve("jobs/a.jsonl"))).singleElement()
                .satisfies(l -> assertThat(l).contains("\"service\":\"a\"").contains("\"context\""));
    }
}
