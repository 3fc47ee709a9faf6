package dev.observatory.core.demo;

import dev.observatory.core.demo.DemoRun.Outcome;
import dev.observatory.model.LogLine;
import dev.observatory.model.MetricColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The log of one demo run as its trainer prints it (Hugging Face Trainer, PyTorch Lightning or CleanRL), consistent
 * with the run's metric series; lines are timed within the run's time span and returned in time order.
 */
final class DemoLogs {

    static final String STDOUT = "stdout";
    static final String STDERR = "stderr";
    static final String INFO = "INFO";
    static final String WARN = "WARN";
    static final String ERROR = "ERROR";

    private final DemoRun run;
    private final Map<String, MetricColumns> metrics;
    private final long startMs;
    private final List<LogLine> lines = new ArrayList<>();

    private DemoLogs(DemoRun run, Map<String, MetricColumns> metrics) {
        this.run = run;
        this.metrics = metrics;
        this.startMs = run.startedAt().toEpochMilli();
    }

    /** The run's log lines in time order (runId and seq left for the store to set). */
    static List<LogLine> generate(DemoRun run, Map<String, MetricColumns> metrics, SplittableRandom random) {
        DemoLogs logs = new DemoLogs(run, metrics);
        switch (run.kind()) {
            case LLM -> new HfTrainerLogs(logs, run, random).write();
            case VISION -> new LightningLogs(logs, run, random).write();
            case RL -> new CleanRlLogs(logs, run, random).write();
        }
        logs.lines.sort(Comparator.comparing(LogLine::at));
        if (run.outcome() == Outcome.RUNNING) {
            Instant latest = run.lastPointAt().plusSeconds(1);
            logs.lines.removeIf(line -> line.at().isAfter(latest));
        }
        return List.copyOf(logs.lines);
    }

    /** A line printed during the minute of setup before the first step. */
    void setup(double secondsAfterStart, String stream, String level, String text) {
        add(startMs + Math.round(secondsAfterStart * 1000), stream, level, text);
    }

    /** A line printed {@code extraSeconds} after iteration {@code iteration} completed. */
    void at(int iteration, double extraSeconds, String stream, String level, String text) {
        add(timeMs(iteration, extraSeconds), stream, level, text);
    }

    long timeMs(int iteration, double extraSeconds) {
        return run.timeOf(0) + Math.round((iteration * run.secondsPerStep() + extraSeconds) * 1000);
    }

    /** The value of a metric at an iteration: its latest point at or before that step, NaN when there is none. */
    double value(String key, int iteration) {
        MetricColumns c = metrics.get(key);
        if (c == null || c.size() == 0) {
            return Double.NaN;
        }
        long step = (long) iteration * run.stepScale();
        int i = Arrays.binarySearch(c.steps(), step);
        int at = i >= 0 ? i : -i - 2;
        return at < 0 ? Double.NaN : c.values()[at];
    }

    private void add(long epochMs, String stream, String level, String text) {
        lines.add(new LogLine(null, 0, Instant.ofEpochMilli(epochMs), stream, level, text));
    }
}
