package dev.observatory.mcp;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.model.LogLine;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small deterministic data set over the in-memory store: two projects, a few runs with curves and logs. */
final class TestData implements AutoCloseable {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    static final Actor ACTOR = new Actor("test", "mcp");

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryStorage store = new InMemoryStorage(clock);
    final Auditor auditor = new Auditor(store.audit(), clock);
    final Tracking tracking = new Tracking(store, clock, false, auditor);
    final Meters meters = new Meters();
    final Run baseline;
    final Run diverged;
    final Run sweep;

    TestData() {
        tracking.createProject(ACTOR, "vision", "Image classifiers");
        tracking.createProject(ACTOR, "llm-pretrain", "Language model pretraining");
        baseline = run("vision", "resnet-baseline", RunStatus.FINISHED, List.of("baseline", "resnet"),
                Map.of("lr", 0.001, "optimizer", "adamw", "model", Map.of("depth", 50)));
        diverged = run("vision", "resnet-lr-high", RunStatus.FAILED, List.of("resnet"),
                Map.of("lr", 0.1, "optimizer", "adamw"));
        sweep = run("llm-pretrain", "gpt-small", RunStatus.RUNNING, List.of("sweep"), Map.of("lr", 0.0003));
        curves();
        logs();
    }

    Run run(String project, String name, RunStatus status, List<String> tags, Map<String, Object> params) {
        Instant start = NOW.minusSeconds(3600);
        return tracking.createRun(ACTOR, new NewRun(project, name, status, "alice", tags, new LinkedHashMap<>(params),
                null, start, "abc123", "gpu-node-1"));
    }

    private void curves() {
        int n = 10_000;
        long[] steps = new long[n];
        double[] loss = new double[n];
        double[] acc = new double[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            loss[i] = 2.5 / Math.sqrt(1 + i / 10.0) + ((i * 7919) % 13) / 1000.0;
            acc[i] = 1 - loss[i] / 3;
            ts[i] = NOW.toEpochMilli() - (n - i) * 100L;
        }
        loss[7000] = 9.5;
        tracking.logMetrics(ACTOR, baseline.id(), Map.of("loss", new MetricColumns(steps, loss, ts), "val/acc",
                new MetricColumns(steps, acc, ts), "system/gpu_util", new MetricColumns(steps, acc, ts)));
        long[] s2 = { 0, 1, 2, 3, 4, 5 };
        double[] l2 = { 2.5, 2.0, 3.5, 8.0, Double.NaN, Double.NaN };
        long[] t2 = { 1, 2, 3, 4, 5, 6 };
        tracking.logMetrics(ACTOR, diverged.id(), Map.of("loss", new MetricColumns(s2, l2, t2)));
        tracking.logMetrics(ACTOR, sweep.id(),
                Map.of("loss", new MetricColumns(new long[] { 0, 1 }, new double[] { 4.0, 3.0 }, new long[] { 1, 2 })));
    }

    private void logs() {
        List<LogLine> lines = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            lines.add(new LogLine(null, 0, NOW.minusSeconds(300 - i), "stdout", "INFO", "step " + i + " loss 0.5"));
        }
        lines.add(new LogLine(null, 0, NOW, "stderr", "WARN", "loss is nan, skipping update"));
        lines.add(new LogLine(null, 0, NOW, "stderr", "ERROR", "RuntimeError: CUDA out of memory"));
        tracking.logLines(ACTOR, diverged.id(), lines);
    }

    ToolRegistry registry() {
        return registry(McpSettings.DEFAULT_BUDGET);
    }

    ToolRegistry registry(int budget) {
        return new ToolRegistry(tracking, meters, new McpSettings(Set.of("core"), budget, "http://obs.test", "1.0"));
    }

    @Override
    public void close() {
        auditor.close();
        store.close();
    }
}
