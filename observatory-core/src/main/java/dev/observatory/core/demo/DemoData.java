package dev.observatory.core.demo;

import dev.observatory.model.LogLine;
import dev.observatory.model.MetricColumns;
import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunPatch;
import dev.observatory.model.RunStatus;
import dev.observatory.store.StorageComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the demo data set through the storage SPI: three projects ({@code llm-finetune}, {@code vision-resnet},
 * {@code rl-agents}) with forty runs and realistic curves and logs. Among them: a run that diverges to NaN (failed),
 * one that plateaus then breaks through, one that crashes with a CUDA out-of-memory traceback, one still running with a
 * recent heartbeat, and a 12-run learning-rate x batch-size sweep tagged {@code sweep}.
 * <p>
 * The content is a pure function of {@code seed} and {@code now}: the same arguments write the same projects, runs,
 * params, points and log lines (only the store-assigned run ids and creation times differ). Every time lies before
 * {@code now}. The store must not already hold projects of the same names ({@code ConflictException}).
 */
public final class DemoData {

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    /** Points per key per append call, so that no single batch gets huge. */
    private static final int CHUNK = 50_000;

    private DemoData() {
    }

    /** Writes the demo into {@code store}; returns what was written. */
    public static DemoSummary write(StorageComponent store, long seed, Instant now) {
        for (Entry<String, String> project : DemoRuns.PROJECTS) {
            store.projects().create(project.getKey(), project.getValue());
        }
        List<DemoRun> plan = DemoRuns.plan(seed, now);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long points = 0;
        long logLines = 0;
        for (DemoRun demo : plan) {
            SplittableRandom runRandom = random.split();
            Map<String, MetricColumns> metrics = DemoMetrics.generate(demo, runRandom);
            List<LogLine> logs = DemoLogs.generate(demo, metrics, runRandom);
            Run run = store.runs().create(new NewRun(demo.project(), demo.name(), RunStatus.RUNNING, demo.user(),
                    demo.tags(), demo.params(), demo.notes(), demo.startedAt(), demo.gitCommit(), demo.host()));
            points += append(store, run.id(), metrics);
            store.logs().append(run.id(), logs);
            logLines += logs.size();
            finish(store, run.id(), demo, now);
        }
        DemoSummary summary = new DemoSummary(DemoRuns.PROJECTS.size(), plan.size(), points, logLines);
        LOG.info("demo data written: {} projects, {} runs, {} points, {} log lines", summary.projects(), summary.runs(),
                summary.points(), summary.logLines());
        return summary;
    }

    private static long append(StorageComponent store, String runId, Map<String, MetricColumns> metrics) {
        long total = 0;
        int longest = metrics.values().stream().mapToInt(MetricColumns::size).max().orElse(0);
        for (int from = 0; from < longest; from += CHUNK) {
            Map<String, MetricColumns> batch = new LinkedHashMap<>();
            for (Entry<String, MetricColumns> e : metrics.entrySet()) {
                MetricColumns c = e.getValue();
                if (from < c.size()) {
                    int to = Math.min(c.size(), from + CHUNK);
                    batch.put(e.getKey(),
                            from == 0 && to == c.size() ? c
                                    : new MetricColumns(Arrays.copyOfRange(c.steps(), from, to),
                                            Arrays.copyOfRange(c.values(), from, to),
                                            Arrays.copyOfRange(c.timestampsMs(), from, to)));
                    total += to - from;
                }
            }
            store.metrics().append(runId, batch);
        }
        return total;
    }

    private static void finish(StorageComponent store, String runId, DemoRun demo, Instant now) {
        RunStatus status = switch (demo.outcome()) {
            case FINISHED, PLATEAU -> RunStatus.FINISHED;
            case DIVERGED -> RunStatus.FAILED;
            case OOM -> RunStatus.CRASHED;
            case KILLED -> RunStatus.KILLED;
            case RUNNING -> RunStatus.RUNNING;
        };
        if (status == RunStatus.RUNNING) {
            store.runs().update(runId, RunPatch.heartbeat(now.minusSeconds(4)));
        } else {
            store.runs().update(runId,
                    new RunPatch(null, status, null, null, null, demo.endedAt(), demo.endedAt().minusSeconds(15)));
        }
    }
}
