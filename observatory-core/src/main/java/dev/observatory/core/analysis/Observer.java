package dev.observatory.core.analysis;

import dev.observatory.analysis.moments.CriticalMoment;
import dev.observatory.analysis.moments.MomentType;
import dev.observatory.model.RunStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the observability answer, the evaluation and the diagnosis of a run from its {@link RunFacts}. */
final class Observer {
    private Observer() {
    }

    static TrainingObservability observe(RunFacts f, ObservabilityOptions o, Comparer comparer) {
        Scores scores = Scoring.scores(f);
        List<Bottleneck> bottlenecks = Scoring.bottlenecks(f);
        String health = Scoring.health(scores, bottlenecks);
        CurveReport c = f.curve;
        CriticalMoment div = f.divergence();
        var speed = new TrainingObservability.Speed(f.throughputKey, f.throughputMean, f.throughputCv,
                f.throughputTailRatio, c.t90RunFraction(), c.trend().velocity());
        var quality = new TrainingObservability.Quality(c, f.evalKey, f.overfitting);
        var stability = new TrainingObservability.Stability(div != null, div == null ? null : div.step(),
                f.nonFiniteByMetric, f.momentsOf(MomentType.DROP).size(), f.momentsOf(MomentType.PLATEAU).size(),
                c.noiseRatio(), f.moments.moments());
        var errors = new TrainingObservability.Errors(f.logLinesTotal, f.logs.lines(), f.logs.errorCount(),
                f.logs.warningCount(), f.logs.oomCount(), f.logs.nanCount(), f.logs.firstOomPosition(),
                f.logs.firstNanPosition(), f.logs.distinctSignatures(), f.logs.repeatedErrorSignatures(),
                f.logs.clusters().subList(0, Math.min(5, f.logs.clusters().size())));
        List<String> blockers = new ArrayList<>();
        bottlenecks.stream().filter(b -> b.severity().equals("critical")).forEach(b -> blockers.add(b.code()));
        if (f.run.status() != RunStatus.FINISHED) {
            blockers.add("not_finished");
        }
        if (scores.overall() < o.passThreshold()) {
            blockers.add("score_below_threshold");
        }
        Map<String, Boolean> gates = new LinkedHashMap<>();
        gates.put("ready_for_release", blockers.isEmpty());
        gates.put("converged", c.convergence().converged() && div == null);
        gates.put("stable", bottlenecks.stream().noneMatch(b -> b.severity().equals("critical")));
        gates.put("no_errors", f.logs.oomCount() == 0 && f.logs.repeatedErrorSignatures() == 0);
        var thresholds = new TrainingObservability.Thresholds(o.passThreshold(), Scoring.WARNING_BELOW,
                Scoring.CRITICAL_BELOW, Scoring.WEIGHTS);
        double[] th = Scoring.speedThresholds(f.runClass);
        Map<String, Double> speedTh = new LinkedHashMap<>();
        String[] names = { "excellent", "good", "fair", "watch", "poor" };
        for (int i = 0; i < names.length; i++) {
            speedTh.put(names[i], th[i]);
        }
        var context = new TrainingObservability.Context(f.runClass, f.primaryKey, f.direction, f.throughputKey,
                f.primary.sampled(), speedTh);
        return new TrainingObservability(RunRef.of(f.run), health, speed, quality, stability, errors, scores,
                bottlenecks, Advice.recommendations(bottlenecks), gates, blockers, thresholds, context,
                o.includeEvaluation() ? evaluate(f, o.passThreshold(), scores, health) : null,
                o.includeNextExperiment() ? Advice.next(f, bottlenecks) : null,
                o.includeBaseline() ? comparer.baseline(f, scores, o.baselineLimit()) : null);
    }

    static RunEvaluation evaluate(RunFacts f, double passThreshold, Scores scores, String health) {
        List<String> reasons = new ArrayList<>();
        if (scores.overall() < passThreshold) {
            reasons.add("overall score " + scores.overall() + " is below the pass threshold " + passThreshold);
        }
        if (health.equals("critical")) {
            Scoring.bottlenecks(f).stream().filter(b -> b.severity().equals("critical"))
                    .forEach(b -> reasons.add(b.code() + ": " + b.message()));
        }
        return new RunEvaluation(f.run.id(), scores.overall(), RunEvaluation.grade(scores.overall()), reasons.isEmpty(),
                passThreshold, health, scores, reasons);
    }

    static Diagnosis diagnose(RunFacts f) {
        Scores scores = Scoring.scores(f);
        List<Bottleneck> problems = Scoring.bottlenecks(f);
        String health = Scoring.health(scores, problems);
        List<Diagnosis.Event> timeline = new ArrayList<>();
        for (CriticalMoment m : f.moments.moments()) {
            timeline.add(new Diagnosis.Event(m.step(), null, m.type().name().toLowerCase(java.util.Locale.ROOT),
                    m.description()));
        }
        if (f.logs.firstOomPosition() != null) {
            timeline.add(new Diagnosis.Event(null, f.logs.firstOomPosition(), "oom", "first out-of-memory line"));
        }
        if (f.logs.firstNanPosition() != null) {
            timeline.add(new Diagnosis.Event(null, f.logs.firstNanPosition(), "nan_log", "first NaN/Inf log line"));
        }
        String cause = problems.isEmpty() || problems.getFirst().severity().equals("info") ? "no problem found"
                : problems.getFirst().message();
        return new Diagnosis(RunRef.of(f.run), health, cause, problems, timeline,
                f.logs.clusters().subList(0, Math.min(10, f.logs.clusters().size())), Advice.recommendations(problems),
                Advice.next(f, problems));
    }
}
