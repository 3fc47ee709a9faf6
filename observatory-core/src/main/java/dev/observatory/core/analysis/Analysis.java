package dev.observatory.core.analysis;

import dev.observatory.analysis.Curve;
import dev.observatory.analysis.Direction;
import dev.observatory.analysis.correlation.Correlation;
import dev.observatory.analysis.correlation.Correlations;
import dev.observatory.analysis.forecast.Forecast;
import dev.observatory.analysis.forecast.Forecasts;
import dev.observatory.analysis.moments.CriticalMomentReport;
import dev.observatory.analysis.moments.CriticalMoments;
import dev.observatory.analysis.trend.LearningCurves;
import dev.observatory.core.Tracking;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import java.util.ArrayList;
import java.util.List;

/**
 * Run intelligence: learning curves, critical moments, correlations, forecasts, behavioural patterns, insights, the
 * one-call observability with scores, run comparisons, evaluation, the next experiment, diagnosis and watching. A
 * stateless facade over a {@link Tracking} (like the registry): building one per request is cheap.
 * <p>
 * Reads go through Tracking: the metric being analysed is read in full (every point; see {@code SeriesReader}),
 * secondary series and the runs of a comparison may be read as M4 charts; each answer says {@code sampled} when it was.
 * Errors: IllegalArgumentException for bad input (a metric the run lacks, fewer than 3 finite points, only NaN values,
 * a constant series, mismatched runs in a comparison), NotFoundException for an unknown run.
 */
public final class Analysis {
    private final Tracking tracking;
    private final SeriesReader reader;

    public Analysis(Tracking tracking) {
        this.tracking = tracking;
        this.reader = new SeriesReader(tracking);
    }

    /** Learning curve and critical moments of one metric (null metric: the run's primary metric). */
    public Reports.Progression progression(String runId, String metric, Direction direction) {
        Target t = target(runId, metric, direction);
        Curve c = Checks.usable(t.data);
        CriticalMomentReport moments = CriticalMoments.detect(t.data.steps(), t.data.values(), t.direction);
        boolean diverged = moments.moments().stream()
                .anyMatch(m -> m.type().name().equals("DIVERGENCE") && m.confidence() > 0.5);
        CurveReport curve = CurveAnalyzer.analyse(t.data, c, t.direction, diverged);
        String summary = String.format(java.util.Locale.ROOT,
                "'%s' is %s: %.1f%% better than at the start, %d critical moment(s), trend %s", curve.key(),
                curve.phase(), 100 * curve.relativeGain(), moments.moments().size(), curve.trend().trend());
        return new Reports.Progression(RunRef.of(t.run), curve, moments, summary);
    }

    /** Learning curves of the given metrics (empty: the primary metric and its eval counterpart) and their gaps. */
    public Reports.LearningCurves learningCurves(String runId, List<String> metrics) {
        Run run = tracking.getRun(runId);
        List<MetricSummary> summaries = Checks.summaries(tracking, runId);
        List<String> keys = new ArrayList<>(metrics == null ? List.of() : metrics);
        if (keys.isEmpty()) {
            String p = MetricChoice.primary(summaries).orElseThrow(() -> new IllegalArgumentException(
                    "run " + runId + " has no metric to analyse; its metrics are " + Checks.keys(summaries)));
            keys.add(p);
            MetricChoice.evalOf(p, summaries).ifPresent(keys::add);
        }
        if (keys.size() > 10) {
            throw new IllegalArgumentException("analyse at most 10 metrics at once, got " + keys.size());
        }
        List<CurveReport> curves = new ArrayList<>();
        List<SeriesData> data = new ArrayList<>();
        for (String k : keys) {
            SeriesData d = reader.full(runId, Checks.summary(runId, summaries, k));
            curves.add(CurveAnalyzer.analyse(d, Checks.usable(d), Direction.infer(k), false));
            data.add(d);
        }
        List<Reports.Gap> gaps = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (MetricChoice.isEval(keys.get(i))) {
                continue;
            }
            for (int j = 0; j < keys.size(); j++) {
                String e = keys.get(j);
                if (MetricChoice.isEval(e) && MetricChoice.leaf(e).equals(MetricChoice.leaf(keys.get(i)))) {
                    gaps.add(new Reports.Gap(keys.get(i), e, LearningCurves.overfitting(data.get(i).steps(),
                            data.get(i).values(), data.get(j).steps(), data.get(j).values(), Direction.infer(e))));
                }
            }
        }
        return new Reports.LearningCurves(RunRef.of(run), curves, gaps);
    }

    /** Critical moments of one metric (null: the primary metric). */
    public Reports.Moments criticalMoments(String runId, String metric, Direction direction) {
        Target t = target(runId, metric, direction);
        Checks.usable(t.data);
        return new Reports.Moments(RunRef.of(t.run), t.data.key(), t.data.totalPoints(), t.data.sampled(),
                CriticalMoments.detect(t.data.steps(), t.data.values(), t.direction));
    }

    /** Correlation of two metrics of a run, aligned on step; maxLag 0 for none (lag in points, up to 100). */
    public Reports.MetricCorrelation correlate(String runId, String metricA, String metricB, int maxLag) {
        Checks.range("max_lag", maxLag, 0, 100);
        if (metricA != null && metricA.equals(metricB)) {
            throw new IllegalArgumentException("correlate two different metrics, got '" + metricA + "' twice");
        }
        Run run = tracking.getRun(runId);
        List<MetricSummary> summaries = Checks.summaries(tracking, runId);
        SeriesData a = reader.full(runId, Checks.summary(runId, summaries, metricA));
        SeriesData b = reader.full(runId, Checks.summary(runId, summaries, metricB));
        Checks.usable(a);
        Checks.usable(b);
        Correlation c = Correlations.withLag(a.steps(), a.values(), b.steps(), b.values(), maxLag);
        if (c.status() != dev.observatory.analysis.AnalysisStatus.OK) {
            throw new IllegalArgumentException("cannot correlate '" + metricA + "' and '" + metricB + "' of run "
                    + runId + ": " + c.message() + " (the metrics must share at least 3 steps and vary on them)");
        }
        double r = Math.abs(c.pearson());
        String strength = r < 0.1 ? "none"
                : r < 0.3 ? "weak" : r < 0.6 ? "moderate" : r < 0.9 ? "strong" : "very_strong";
        return new Reports.MetricCorrelation(RunRef.of(run), metricA, metricB, maxLag, c, strength);
    }

    /** Forecast of a metric at a target step (null: planned steps from the run's params, else twice the last step). */
    public Reports.Prediction predict(String runId, String metric, Long targetStep) {
        Target t = target(runId, metric, null);
        Curve c = Checks.usable(t.data);
        long last = c.steps()[c.size() - 1];
        String source = "argument";
        Long target = targetStep;
        if (target == null) {
            String path = null;
            for (String name : new String[] { "max_steps", "total_steps", "total_timesteps", "num_train_steps" }) {
                path = path == null ? ParamLookup.path(t.run.params(), name, "") : path;
            }
            Object planned = path == null ? null : ParamLookup.at(t.run.params(), path);
            if (planned instanceof Number n && n.longValue() > last) {
                target = n.longValue();
                source = "run_params:" + path;
            } else {
                target = last + Math.max(1, last - c.steps()[0]);
                source = "double_last_step";
            }
        }
        if (target < c.steps()[0]) {
            throw new IllegalArgumentException("target_step " + target + " lies before the first step " + c.steps()[0]
                    + " of '" + t.data.key() + "'");
        }
        Forecast f = Forecasts.predict(t.data.steps(), t.data.values(), target);
        return new Reports.Prediction(RunRef.of(t.run), t.data.key(), t.direction, c.values()[c.size() - 1], last,
                source, f);
    }

    /** Per-action mastery of a metric family and reward per unit of a resource; see {@link Behaviour}. */
    public Reports.Behaviour behaviour(String runId, String family, String rewardMetric, String resourceMetric) {
        return new Behaviour(tracking, reader).analyse(runId, family, rewardMetric, resourceMetric);
    }

    /** Deterministic insights with evidence. */
    public Reports.Insights insights(String runId) {
        RunFacts f = RunFacts.full(tracking, runId, null, null, ObservabilityOptions.DEFAULTS.logLines());
        return Insights.of(f);
    }

    /** The one-call observability of a run. */
    public TrainingObservability observability(String runId, ObservabilityOptions options) {
        RunFacts f = RunFacts.full(tracking, runId, options.metric(), options.direction(), options.logLines());
        return Observer.observe(f, options, new Comparer(tracking));
    }

    /** Ranks 2 to 50 runs by a metric ("last" or "best" value) with score deltas to the winner. */
    public RunComparison compareRuns(List<String> runIds, String metric, Direction direction, String rankBy) {
        return new Comparer(tracking).compare(runIds, metric, direction, rankBy);
    }

    /** Grades a run against a pass threshold (0-100). */
    public RunEvaluation evaluate(String runId, String metric, double passThreshold) {
        ObservabilityOptions o = new ObservabilityOptions(metric, null, ObservabilityOptions.DEFAULTS.logLines(),
                passThreshold, true, false, false, 5);
        return observability(runId, o).evaluation();
    }

    /** The one change to try next. */
    public NextExperiment suggestNextExperiment(String runId, String metric) {
        RunFacts f = RunFacts.full(tracking, runId, metric, null, ObservabilityOptions.DEFAULTS.logLines());
        return Advice.next(f, Scoring.bottlenecks(f));
    }

    /** What went wrong, in order, with the probable cause. */
    public Diagnosis diagnose(String runId) {
        return Observer.diagnose(RunFacts.full(tracking, runId, null, null, ObservabilityOptions.DEFAULTS.logLines()));
    }

    /** The latest window of metrics (empty: the primary metric) and what changed since a step. */
    public WatchReport watch(String runId, List<String> metrics, Long sinceStep, int window) {
        return new Watcher(tracking, reader).watch(runId, metrics, sinceStep, window);
    }

    private Target target(String runId, String metric, Direction direction) {
        Run run = tracking.getRun(runId);
        List<MetricSummary> summaries = Checks.summaries(tracking, runId);
        String key = metric != null ? metric
                : MetricChoice.primary(summaries).orElseThrow(() -> new IllegalArgumentException(
                        "run " + runId + " has no metric to analyse; its metrics are " + Checks.keys(summaries)));
        SeriesData data = reader.full(runId, Checks.summary(runId, summaries, key));
        return new Target(run, data, direction != null ? direction : Direction.infer(key));
    }

    private record Target(Run run, SeriesData data, Direction direction) {
    }
}
