package dev.observatory.core.analysis;

import dev.observatory.analysis.Curve;
import dev.observatory.analysis.Direction;
import dev.observatory.analysis.logs.LogIntelligence;
import dev.observatory.analysis.logs.LogRecord;
import dev.observatory.analysis.logs.LogReport;
import dev.observatory.analysis.moments.CriticalMoment;
import dev.observatory.analysis.moments.CriticalMomentReport;
import dev.observatory.analysis.moments.CriticalMoments;
import dev.observatory.analysis.moments.MomentType;
import dev.observatory.analysis.trend.LearningCurves;
import dev.observatory.analysis.trend.OverfittingResult;
import dev.observatory.core.Tracking;
import dev.observatory.model.LogLine;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import dev.observatory.store.LogQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the scores of one run rest on, read and analysed once. Two depths:
 * <ul>
 * <li>{@link #full}: the primary metric read in full, its eval counterpart in full, the throughput metric as an M4
 * chart, the log tail ({@code logLines} lines) plus every WARN/ERROR line of the run (the last 10,000).</li>
 * <li>{@link #light} (comparisons and baselines over many runs): the primary metric in full up to
 * {@value #LIGHT_FULL_POINTS} points, else as an M4 chart of {@value #LIGHT_BUCKETS} buckets; throughput as a chart;
 * only the last 500 ERROR lines of the log; no eval gap.</li>
 * </ul>
 */
final class RunFacts {
    static final long LIGHT_FULL_POINTS = 2_500;
    static final int LIGHT_BUCKETS = 1_000;
    static final int THROUGHPUT_BUCKETS = 512;
    /** The log lines {@link #light} analyses: the last 500 ERROR lines. */
    static final LogQuery LIGHT_ERRORS = new LogQuery(null, "ERROR", null, Long.MAX_VALUE, 500);

    Run run;
    List<MetricSummary> summaries;
    String primaryKey;
    Direction direction;
    SeriesData primary;
    CurveReport curve;
    CriticalMomentReport moments;
    String evalKey;
    OverfittingResult overfitting;
    String throughputKey;
    Double throughputMean;
    Double throughputCv;
    Double throughputTailRatio;
    LogReport logs;
    long logLinesTotal;
    Map<String, Long> nonFiniteByMetric = new LinkedHashMap<>();
    String runClass;

    static RunFacts full(Tracking tracking, String runId, String metric, Direction direction, int logLines) {
        RunFacts f = base(tracking, runId, metric, direction);
        SeriesReader reader = new SeriesReader(tracking);
        f.analysePrimary(reader.full(runId, Checks.summary(runId, f.summaries, f.primaryKey)));
        f.evalKey = MetricChoice.evalOf(f.primaryKey, f.summaries).orElse(null);
        if (f.evalKey != null) {
            SeriesData eval = reader.full(runId, Checks.summary(runId, f.summaries, f.evalKey));
            f.overfitting = LearningCurves.overfitting(f.primary.steps(), f.primary.values(), eval.steps(),
                    eval.values(), f.direction);
        }
        f.throughput(reader, null);
        f.logs = LogIntelligence.analyse(fullLogs(tracking, runId, logLines));
        f.logLinesTotal = tracking.store().logs().lineCount(runId);
        return f;
    }

    static RunFacts light(Tracking tracking, String runId, String metric, Direction direction) {
        return light(tracking, tracking.getRun(runId), Checks.summaries(tracking, runId), metric, direction);
    }

    /** {@link #light} with the run and its summaries already read (comparisons read them once). */
    static RunFacts light(Tracking tracking, Run run, List<MetricSummary> summaries, String metric,
            Direction direction) {
        return light(tracking, run, summaries, metric, direction, null, null, null);
    }

    /**
     * {@link #light} with the primary metric's and the throughput metric's series and the error lines already read
     * (null: read them here), as {@link #lightPrimary}, {@link #lightThroughput} and {@link #lightErrors} read them for
     * many runs at once.
     */
    static RunFacts light(Tracking tracking, Run run, List<MetricSummary> summaries, String metric, Direction direction,
            SeriesData primary, SeriesData throughput, List<LogLine> errorLines) {
        String runId = run.id();
        RunFacts f = base(run, summaries, metric, direction);
        SeriesReader reader = new SeriesReader(tracking);
        f.analysePrimary(primary != null ? primary
                : reader.fullOrChart(runId, Checks.summary(runId, f.summaries, f.primaryKey), LIGHT_FULL_POINTS,
                        LIGHT_BUCKETS));
        f.throughput(reader, throughput);
        List<LogLine> errors = errorLines != null ? errorLines : tracking.logs(runId, LIGHT_ERRORS);
        f.logs = LogIntelligence.analyse(errors.stream().map(LogRecord::of).toList());
        f.logLinesTotal = -1;
        return f;
    }

    private static RunFacts base(Tracking tracking, String runId, String metric, Direction direction) {
        return base(tracking.getRun(runId), Checks.summaries(tracking, runId), metric, direction);
    }

    private static RunFacts base(Run run, List<MetricSummary> summaries, String metric, Direction direction) {
        String runId = run.id();
        RunFacts f = new RunFacts();
        f.run = run;
        f.summaries = summaries;
        f.primaryKey = metric != null ? Checks.summary(runId, f.summaries, metric).key()
                : MetricChoice.primary(f.summaries)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "run " + runId + " has no metric with at least 3 points to analyse; its metrics are "
                                        + Checks.keys(f.summaries)));
        f.direction = direction != null ? direction : Direction.infer(f.primaryKey);
        for (MetricSummary s : f.summaries) {
            if (s.nanCount() > 0) {
                f.nonFiniteByMetric.put(s.key(), s.nanCount());
            }
        }
        return f;
    }

    private void analysePrimary(SeriesData data) {
        primary = data;
        Curve c = Checks.usable(data);
        moments = CriticalMoments.detect(data.steps(), data.values(), direction);
        curve = CurveAnalyzer.analyse(data, c, direction, divergence() != null);
        long span = curve.lastStep() - curve.firstStep();
        runClass = MetricChoice.isReward(primaryKey) ? "rl"
                : c.size() < 200 || span < 500 ? "short" : span > 200_000 ? "long" : "standard";
    }

    /**
     * The primary metric of many runs as {@link #light} charts it, in one bulk read: runId -> series, for the runs
     * whose series is long enough to be charted (the others are read by {@link #light} itself).
     */
    static Map<String, SeriesData> lightPrimary(SeriesReader reader, Map<String, MetricSummary> primaryByRun) {
        return reader.chartsOfLongSeries(primaryByRun, LIGHT_FULL_POINTS, LIGHT_BUCKETS);
    }

    /**
     * The throughput metric of many runs as {@link #light} charts it, one bulk read per throughput key: runId -> series
     * (runs without a throughput metric, or with a series short enough to read whole, are absent).
     */
    static Map<String, SeriesData> lightThroughput(SeriesReader reader, Map<String, List<MetricSummary>> summaries) {
        Map<String, Map<String, MetricSummary>> byKey = new LinkedHashMap<>();
        summaries.forEach((runId, s) -> MetricChoice.throughput(s).ifPresent(key -> byKey
                .computeIfAbsent(key, k -> new LinkedHashMap<>()).put(runId, Checks.summary(runId, s, key))));
        Map<String, SeriesData> out = new java.util.HashMap<>();
        byKey.values().forEach(runs -> out.putAll(reader.chartsOfLongSeries(runs, 0, THROUGHPUT_BUCKETS)));
        return out;
    }

    /** The error lines {@link #light} analyses, of many runs in one store read (runs already checked to exist). */
    static Map<String, List<LogLine>> lightErrors(Tracking tracking, List<String> runIds) {
        return tracking.store().logs().queryRuns(runIds, LIGHT_ERRORS);
    }

    private void throughput(SeriesReader reader, SeriesData read) {
        throughputKey = MetricChoice.throughput(summaries).orElse(null);
        if (throughputKey == null) {
            return;
        }
        SeriesData t = read != null && read.key().equals(throughputKey) ? read
                : reader.chart(run.id(), Checks.summary(run.id(), summaries, throughputKey), THROUGHPUT_BUCKETS);
        Curve c = Curve.of(t.steps(), t.values());
        int n = c.size();
        if (n < 10) {
            return;
        }
        double[] v = Arrays.copyOfRange(c.values(), n / 20, n);
        double[] half = Arrays.copyOfRange(v, v.length / 2, v.length);
        double mean = mean(half);
        double sd = 0;
        for (double x : half) {
            sd += (x - mean) * (x - mean);
        }
        sd = Math.sqrt(sd / half.length);
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double tail = mean(Arrays.copyOfRange(v, v.length - Math.max(1, v.length / 10), v.length));
        throughputMean = CurveAnalyzer.round(mean(v));
        throughputCv = mean == 0 ? null : CurveAnalyzer.round(sd / Math.abs(mean));
        throughputTailRatio = median == 0 ? null : CurveAnalyzer.round(tail / median);
    }

    private static List<LogRecord> fullLogs(Tracking tracking, String runId, int logLines) {
        Map<Long, LogLine> bySeq = new java.util.TreeMap<>();
        long before = Long.MAX_VALUE;
        int left = logLines;
        while (left > 0) {
            List<LogLine> page = tracking.logs(runId, new LogQuery(null, null, null, before, Math.min(10_000, left)));
            page.forEach(l -> bySeq.put(l.seq(), l));
            if (page.size() < Math.min(10_000, left)) {
                break;
            }
            left -= page.size();
            before = page.getFirst().seq();
        }
        tracking.logs(runId, new LogQuery(null, "WARN", null, Long.MAX_VALUE, 10_000))
                .forEach(l -> bySeq.put(l.seq(), l));
        List<LogRecord> out = new ArrayList<>(bySeq.size());
        bySeq.values().forEach(l -> out.add(LogRecord.of(l)));
        return out;
    }

    /** The divergence of the primary metric that matters: persistent NaN/Inf or a blow-up (confidence >= 0.5). */
    CriticalMoment divergence() {
        return moments.moments().stream().filter(m -> m.type() == MomentType.DIVERGENCE && m.confidence() > 0.5)
                .findFirst().orElse(null);
    }

    List<CriticalMoment> momentsOf(MomentType type) {
        return moments.moments().stream().filter(m -> m.type() == type).toList();
    }

    /** A param of the run by dotted path or by leaf name anywhere in the nested params (first found). */
    Object param(String... names) {
        for (String name : names) {
            Object v = ParamLookup.find(run.params(), name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x;
        }
        return a.length == 0 ? 0 : s / a.length;
    }
}
