package dev.observatory.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.job.Guardrails;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.job.GuardrailEvent;
import dev.observatory.model.job.GuardrailSpec;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobSpec;
import dev.observatory.model.job.JobStatus;
import dev.observatory.model.job.JobUpdate;
import dev.observatory.model.job.NewJob;
import dev.observatory.model.slo.Delivery;
import dev.observatory.model.slo.DeliveryQuery;
import dev.observatory.store.memory.InMemoryStorage;
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

/** A tripped job guardrail is an alert signal: rules over it fire per job, route to sinks and resolve. */
class JobGuardrailSignalTest {
    static final Instant T0 = Instant.parse("2025-06-30T12:00:00Z");
    final MutableClock clock = new MutableClock(T0);
    final InMemoryStorage store = new InMemoryStorage();
    final Tracking tracking = new Tracking(store, clock, false, new Auditor(store.audit(), clock));
    final Actor actor = Actor.anonymous("test");
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        AlertEngine.of(tracking).close();
    }

    private Job job(String project, String name) {
        Run run = tracking.createRun(actor, NewRun.of(project, name));
        JobSpec spec = new JobSpec(List.of("python3", "train.py"), dir.toString(), Map.of(), "local", null, false, null,
                null, GuardrailSpec.defaults());
        Job j = store.jobs().create(new NewJob(project, run.id(), name, spec));
        return store.jobs().update(j.id(), JobUpdate.started(4242, null, clock.instant(), null));
    }

    /** Trips the stall guardrail of a job through the Guardrails API, as the job runner does, and records it. */
    private GuardrailEvent stall(Job job) {
        GuardrailSpec spec = new GuardrailSpec(List.of(), true, 0, 30, 0, "loss", 0, List.of(), true, 0);
        long start = clock.millis() - 200_000;
        Guardrails g = new Guardrails(spec, start);
        GuardrailEvent e = g.onTick(clock.millis());
        assertThat(e).isNotNull();
        store.jobs().update(job.id(), JobUpdate.guardrail(e));
        store.jobs().update(job.id(),
                JobUpdate.ended(JobStatus.GUARDRAIL_STOPPED, null, clock.instant(), "stall", null));
        return e;
    }

    @Test
    void aTrippedGuardrailFiresPerJobIsRoutedToTheSinkAndResolvesAfterTheWindow() throws Exception {
        AlertEngine.start(tracking, new AlertSettings(Duration.ZERO,
                List.of(SinkConfig.of("file", "file", "guardrails.jsonl")), UrlGuard.STRICT, dir));
        Alerts alerts = new Alerts(tracking);
        alerts.createRule(actor,
                new AlertRule("guardrail-tripped", "job_guardrail", Map.of("project", "vision", "window_minutes", "30"),
                        true, 0, Duration.ZERO, Severity.CRITICAL, Map.of("team", "training"),
                        "a training job was stopped by a guardrail"));
        Job healthy = job("vision", "healthy");
        Job stalled = job("vision", "stalled");
        Job elsewhere = job("nlp", "other");
        assertThat(alerts.evaluate()).as("nothing tripped yet").isEmpty();

        GuardrailEvent e = stall(stalled);
        stall(elsewhere);
        List<Notification> fired = alerts.evaluate();
        assertThat(fired).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo("firing");
            assertThat(n.alert().labels()).containsEntry("job", stalled.id()).containsEntry("project", "vision")
                    .containsEntry("guardrail", "stall").containsEntry("team", "training")
                    .doesNotContainValue(healthy.id());
            assertThat(n.alert().context()).containsEntry("reason", e.reason()).containsEntry("run", stalled.runId());
        });
        assertThat(delivered()).singleElement().satisfies(d -> assertThat(d.rule()).isEqualTo("guardrail-tripped"));
        assertThat(Files.readString(dir.resolve("guardrails.jsonl"))).contains(stalled.id()).contains("stall");
        assertThat(alerts.evaluate()).as("still firing, not sent again").isEmpty();

        clock.advance(Duration.ofMinutes(31));
        assertThat(alerts.evaluate()).singleElement().satisfies(n -> assertThat(n.state()).isEqualTo("resolved"));
    }

    @Test
    void guardrailKindAndJobNarrowTheSignal() {
        Alerts alerts = new Alerts(tracking);
        Job stalled = job("vision", "stalled");
        stall(stalled);
        alerts.createRule(actor, new AlertRule("nan-only", "job_guardrail", Map.of("guardrail", "nan"), true, 0,
                Duration.ZERO, Severity.ERROR, Map.of(), null));
        alerts.createRule(actor, new AlertRule("this-job", "job_guardrail", Map.of("job", stalled.id()), true, 0,
                Duration.ZERO, Severity.ERROR, Map.of(), null));
        assertThat(alerts.evaluate()).extracting(n -> n.alert().rule()).containsExactly("this-job");
        assertThatThrownBy(
                () -> alerts.createRule(actor,
                        new AlertRule("bad", "job_guardrail", Map.of("guardrail", "boom"), true, 0, Duration.ZERO,
                                Severity.ERROR, Map.of(), null))).hasMessageContaining("nan")
                                        .hasMessageContaining("boom");
        assertThatThrownBy(
                () -> alerts
                        .createRule(actor,
                                new AlertRule("bad", "job_guardrail", Map.of("window_minutes", "0"), true, 0,
                                        Duration.ZERO, Severity.ERROR, Map.of(), null)))
                                                .hasMessageContaining("window_minutes");
    }

    private List<Delivery> delivered() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Delivery> d = List.of();
        while (System.nanoTime() < end && d.isEmpty()) {
            Thread.sleep(10);
            d = store.ops().deliveries(new DeliveryQuery(0, "file", "delivered", 100));
        }
        return d;
    }
}
