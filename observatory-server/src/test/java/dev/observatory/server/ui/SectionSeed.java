package dev.observatory.server.ui;

import dev.observatory.core.Actor;
import dev.observatory.core.Tracking;
import dev.observatory.core.alert.AlertRule;
import dev.observatory.core.alert.Alerts;
import dev.observatory.core.alert.Severity;
import dev.observatory.core.registry.Registry;
import dev.observatory.core.slo.Slos;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.job.GuardrailEvent;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobEvent;
import dev.observatory.model.job.JobSpec;
import dev.observatory.model.job.JobStatus;
import dev.observatory.model.job.JobUpdate;
import dev.observatory.model.job.NewJob;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.model.registry.Stage;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanFacts;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.store.StorageComponent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Models, jobs, traces, SLOs and a firing alert for the section pages' browser tests (deterministic). */
final class SectionSeed {
    static final String XSS = "<img src=x onerror=\"document.body.dataset.pwned=1\">";
    static final Actor ACTOR = Actor.anonymous("test");
    static final int MODELS = 31;
    static final int JOBS = 27;
    static final int TRACES = 33;
    static final int SLOS = 12;

    final Run run;
    final Job runningJob;
    final Job guardrailJob;
    final Path runningLog;
    final String errorTrace;
    final String xssTrace;

    SectionSeed(Tracking tracking, Path dir) throws IOException {
        StorageComponent store = tracking.store();
        tracking.createProject(ACTOR, "vision", null);
        run = tracking.createRun(ACTOR, NewRun.of("vision", "resnet50-sweep-best"));
        tracking.logMetrics(ACTOR, run.id(), Map.of("eval/acc",
                new MetricColumns(new long[] { 1, 2 }, new double[] { 0.81, 0.93 }, new long[] { 1000, 2000 }), "loss",
                new MetricColumns(new long[] { 1, 2 }, new double[] { 4.0, 3.0 }, new long[] { 1000, 2000 })));
        models(tracking);
        runningLog = dir.resolve("running.log");
        Files.write(runningLog, List.of("epoch 1 step 10 loss=2.31", "epoch 1 step 20 loss=2.05"));
        List<Job> live = jobs(store, dir);
        runningJob = live.get(0);
        guardrailJob = live.get(1);
        traces(store);
        errorTrace = traceId(7);
        xssTrace = traceId(11);
        slosAndAlerts(tracking);
    }

    /** Finished jobs of every kind, then a running job logging to {@link #runningLog} and a guardrail-stopped one. */
    private List<Job> jobs(StorageComponent store, Path dir) {
        JobSpec spec = new JobSpec(List.of("python3", "train.py", "--lr", "3e-4"), dir.toString(), null, null, null,
                false, null, null, null);
        for (int i = 0; i < JOBS; i++) {
            Job j = store.jobs().create(new NewJob("vision", run.id(), String.format("sweep-%02d", i), spec));
            JobStatus end = List.of(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.STOPPED).get(i % 3);
            store.jobs().update(j.id(), JobUpdate.started(1000 + i, null, Instant.now().minusSeconds(900), null));
            store.jobs().update(j.id(), JobUpdate.ended(end, end == JobStatus.FAILED ? 1 : 0,
                    Instant.now().minusSeconds(300), end == JobStatus.FAILED ? "exit_code" : null, null));
        }
        pause(); // the live and guarded jobs are the newest (jobs list newest first)
        Job running = store.jobs().create(new NewJob("vision", run.id(), "live-finetune", spec));
        Job live = store.jobs().update(running.id(),
                JobUpdate.started(4242, null, Instant.now().minusSeconds(60), runningLog.toString()));
        Job guarded = store.jobs().create(new NewJob("vision", run.id(), XSS, spec));
        store.jobs().update(guarded.id(), JobUpdate.started(4343, null, Instant.now().minusSeconds(120), null));
        GuardrailEvent nan = new GuardrailEvent("nan", "loss became NaN at step 1200", 1200L, List.of("loss=nan"),
                Map.of("loss", Double.NaN), Instant.now().minusSeconds(30), null);
        store.jobs().update(guarded.id(), JobUpdate.guardrail(nan));
        store.jobs().addEvent(new JobEvent(guarded.id(), Instant.now().minusSeconds(30), "alert", "critical",
                "guardrail nan: loss became NaN <b>at</b> step 1200"));
        Job stopped = store.jobs().update(guarded.id(),
                JobUpdate.ended(JobStatus.GUARDRAIL_STOPPED, null, Instant.now().minusSeconds(29), "nan", null));
        return List.of(live, stopped);
    }

    /** {@value #TRACES} traces of three spans one second apart; trace 7 failed, trace 11 has a hostile root name. */
    private static void traces(StorageComponent store) {
        long base = Instant.now().minusSeconds(600).toEpochMilli() * 1_000_000L;
        List<TracedSpan> spans = new ArrayList<>();
        for (int t = 0; t < TRACES; t++) {
            spans.addAll(trace(traceId(t), base + t * 1_000_000_000L, t == 7, t == 11 ? XSS : "POST /chat"));
        }
        store.traces().write(spans);
    }

    /** SLOs over the traces' service and an alert rule on a diverging run that fires. */
    private static void slosAndAlerts(Tracking tracking) {
        Slos slos = new Slos(tracking);
        for (int i = 0; i < SLOS; i++) {
            Map<String, Object> sloSpec = i % 2 == 0
                    ? Map.<String, Object> of("name", String.format("chat-availability-%02d", i), "type",
                            "availability", "target", 99.0, "selector", Map.of("service", "chat-api"), "description",
                            XSS)
                    : Map.<String, Object> of("name", String.format("chat-latency-%02d", i), "type", "latency",
                            "percentile", 95, "threshold_ms", 800, "selector", Map.of("service", "chat-api"));
            slos.create(ACTOR, sloSpec);
        }
        Run hot = tracking.createRun(ACTOR, NewRun.of("vision", "diverging"));
        tracking.logMetrics(ACTOR, hot.id(), Map.of("loss", new MetricColumns(new long[] { 1 }, new double[] { 9.5 },
                new long[] { Instant.now().toEpochMilli() })));
        Alerts alerts = new Alerts(tracking);
        alerts.createRule(ACTOR, new AlertRule("loss-too-high", "run_metric", Map.of("metric", "loss", "run", hot.id()),
                true, 5.0, Duration.ZERO, Severity.CRITICAL, Map.of("team", "vision"), "loss above 5"));
        alerts.evaluate();
        alerts.evaluate(); // pending -> firing (for: 0)
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void models(Tracking tracking) {
        Registry registry = new Registry(tracking);
        for (int i = 0; i < MODELS - 2; i++) {
            registry.createModel(ACTOR, new NewModel(String.format("model-%02d", i), "model number " + i,
                    Map.of("team", i % 2 == 0 ? "vision" : "nlp"), null));
        }
        registry.createModel(ACTOR, new NewModel(XSS, "</td><script>document.body.dataset.pwned=2</script>",
                Map.of("x", "<b>bold</b>"), "<b>mallory</b>"));
        registry.createModel(ACTOR,
                new NewModel("resnet-classifier", "ImageNet classifier", Map.of("task", "vision"), null));
        for (int v = 1; v <= 3; v++) {
            registry.createVersion(ACTOR, new NewModelVersion("resnet-classifier", "runs:/" + run.id() + "/ckpt/v" + v,
                    run.id(), "version " + v, null, null, null, null, null));
        }
        registry.transitionStage(ACTOR, "resnet-classifier", 2, Stage.PRODUCTION, false);
        registry.transitionStage(ACTOR, "resnet-classifier", 3, Stage.PRODUCTION, true);
        registry.setAlias(ACTOR, "resnet-classifier", "champion", 3);
    }

    static String traceId(int t) {
        return HexFormat.of().formatHex(new byte[] { 0x5e, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) t });
    }

    private static List<TracedSpan> trace(String traceId, long start, boolean failed, String rootName) {
        String root = "1" + traceId.substring(17);
        String llm = "a" + traceId.substring(17);
        String tool = "b" + traceId.substring(17);
        long ms = 1_000_000L;
        Span r = span(traceId, root, null, "chat-api", rootName, SpanKind.SERVER, start, start + 950 * ms,
                failed ? SpanStatus.ERROR : SpanStatus.OK);
        Span l = span(traceId, llm, root, "chat-api", "chat gpt-4o-mini", SpanKind.CLIENT, start + 20 * ms,
                start + 700 * ms, SpanStatus.OK);
        Span t = span(traceId, tool, llm, "search-svc", "tools/call search", SpanKind.SERVER, start + 720 * ms,
                start + 930 * ms, failed ? SpanStatus.ERROR : SpanStatus.OK);
        SpanFacts chat = new SpanFacts("chat", "openai", "gpt-4o-mini", null, null, 1200L, 300L, false, 0.00042, null,
                null, null);
        SpanFacts call = new SpanFacts("execute_tool", null, null, "search", null, null, null, false, null, null,
                failed ? "TimeoutError" : null, null);
        return List.of(new TracedSpan(r, null), new TracedSpan(l, chat), new TracedSpan(t, call));
    }

    private static Span span(String traceId, String id, String parent, String service, String name, SpanKind kind,
            long start, long end, SpanStatus status) {
        return new Span(traceId, id, parent, service, name, kind, start, end, status, null, Map.of(), Map.of(), null,
                null, null, null);
    }
}
