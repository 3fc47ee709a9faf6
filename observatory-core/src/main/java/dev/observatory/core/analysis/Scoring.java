package dev.observatory.core.analysis;

import dev.observatory.analysis.logs.LogCluster;
import dev.observatory.analysis.moments.CriticalMoment;
import dev.observatory.analysis.moments.MomentType;
import dev.observatory.model.RunStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scores (0-100) and bottlenecks of a run, from its {@link RunFacts}. Deterministic; every number here is part of
 * the v1 contract (changing one means a new schema version).
 * <ul>
 * <li><b>convergence</b> = 100 x (0.5 min(1, gain / 0.3) + 0.3 state + 0.2 max(0, 1 - regression / 0.2)), where gain is
 * the relative improvement of the smoothed primary metric, state is 1 converged, 0.8 still learning, 0.6 flat, 0.2
 * getting worse, and regression how far the end is behind the best (fraction of the range). At most 10 when the metric
 * diverged.</li>
 * <li><b>stability</b> = 100 minus: 70 for a divergence (15 for isolated NaN/Inf values), 15 per drop (at most 30), up
 * to 25 for noise (noise ratio above 0.05, full penalty at 0.30), 40 for out-of-memory lines, 10 per repeated error
 * signature (at most 20), 10 for NaN warnings in the logs, 20 for a failed or crashed run.</li>
 * <li><b>speed</b>: the curve part maps the run fraction needed for 90% of the improvement (t90) to 100 / 85 / 70 / 50
 * / 30 / 15 by the run class's thresholds ({@link #speedThresholds}); 20 when it never improved. With a throughput
 * metric, speed = 0.6 curve + 0.4 throughput, the throughput part being 100 / 80 / 55 / 30 for a coefficient of
 * variation up to 0.05 / 0.15 / 0.30 / above, minus 30 when the last 10% run below 0.7 of the median.</li>
 * <li><b>overall</b> = 0.4 convergence + 0.35 stability + 0.25 speed.</li>
 * </ul>
 */
final class Scoring {
    static final double PASS_THRESHOLD = 70;
    static final double WARNING_BELOW = 70;
    static final double CRITICAL_BELOW = 40;
    static final Map<String, Double> WEIGHTS = ordered("convergence", 0.4, "stability", 0.35, "speed", 0.25);

    private Scoring() {
    }

    /** An unmodifiable insertion-ordered map of alternating names and values (stable JSON field order). */
    static Map<String, Double> ordered(Object... namesAndValues) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** t90 thresholds (run fraction, lower is faster) per run class: excellent, good, fair, watch, poor. */
    static double[] speedThresholds(String runClass) {
        return switch (runClass) {
            case "short" -> new double[] { 0.3, 0.45, 0.6, 0.8, 0.9 };
            case "long" -> new double[] { 0.15, 0.3, 0.45, 0.65, 0.8 };
            case "rl" -> new double[] { 0.35, 0.5, 0.65, 0.8, 0.9 };
            default -> new double[] { 0.2, 0.35, 0.5, 0.7, 0.85 };
        };
    }

    static Scores scores(RunFacts f) {
        double conv = convergence(f);
        double stab = stability(f);
        double speed = speed(f);
        double overall = WEIGHTS.get("convergence") * conv + WEIGHTS.get("stability") * stab
                + WEIGHTS.get("speed") * speed;
        return new Scores(r1(overall), r1(conv), r1(stab), r1(speed), null);
    }

    static double convergence(RunFacts f) {
        CurveReport c = f.curve;
        double state = switch (c.phase()) {
            case "converged" -> 1.0;
            case "learning" -> 0.8;
            case "stalled" -> 0.6;
            default -> 0.2;
        };
        double score = 100
                * (0.5 * clamp(c.relativeGain() / 0.3) + 0.3 * state + 0.2 * clamp(1 - c.regressionFromBest() / 0.2));
        return f.divergence() != null ? Math.min(score, 10) : score;
    }

    static double stability(RunFacts f) {
        double s = 100;
        CriticalMoment div = f.divergence();
        if (div != null) {
            s -= 70;
        } else if (f.moments.moments().stream().anyMatch(m -> m.type() == MomentType.DIVERGENCE)) {
            s -= 15;
        }
        s -= Math.min(30, 15 * f.momentsOf(MomentType.DROP).size());
        if (f.curve.noiseRatio() != null) {
            s -= 25 * clamp((f.curve.noiseRatio() - 0.05) / 0.25);
        }
        s -= f.logs.oomCount() > 0 ? 40 : 0;
        s -= Math.min(20, 10 * f.logs.repeatedErrorSignatures());
        s -= f.logs.nanCount() > 0 ? 10 : 0;
        s -= f.run.status() == RunStatus.FAILED || f.run.status() == RunStatus.CRASHED ? 20 : 0;
        return Math.max(0, s);
    }

    static double speed(RunFacts f) {
        double[] th = speedThresholds(f.runClass);
        Double t90 = f.curve.t90RunFraction();
        double curve = 20;
        if (t90 != null) {
            double[] points = { 100, 85, 70, 50, 30 };
            curve = 15;
            for (int i = 0; i < th.length; i++) {
                if (t90 <= th[i]) {
                    curve = points[i];
                    break;
                }
            }
        }
        if (f.throughputCv == null) {
            return curve;
        }
        double cv = f.throughputCv;
        double tp = cv <= 0.05 ? 100 : cv <= 0.15 ? 80 : cv <= 0.3 ? 55 : 30;
        if (f.throughputTailRatio != null && f.throughputTailRatio < 0.7) {
            tp -= 30;
        }
        return 0.6 * curve + 0.4 * Math.max(0, tp);
    }

    /** healthy, warning or critical. */
    static String health(Scores s, List<Bottleneck> bottlenecks) {
        if (s.overall() < CRITICAL_BELOW || bottlenecks.stream().anyMatch(b -> b.severity().equals("critical"))) {
            return "critical";
        }
        if (s.overall() < WARNING_BELOW || bottlenecks.stream().anyMatch(b -> b.severity().equals("warning"))) {
            return "warning";
        }
        return "healthy";
    }

    static List<Bottleneck> bottlenecks(RunFacts f) {
        List<Bottleneck> out = new ArrayList<>();
        String key = f.primaryKey;
        CriticalMoment div = f.divergence();
        if (div != null) {
            out.add(new Bottleneck("DIVERGENCE", "critical",
                    "'" + key + "' diverged at step " + div.step() + ": " + div.description(), div.confidence(),
                    div.confidenceSource(), key, div.step()));
        }
        if (f.logs.oomCount() > 0) {
            out.add(new Bottleneck("OUT_OF_MEMORY", "critical",
                    f.logs.oomCount() + " out-of-memory line(s) in the log, the first at line "
                            + f.logs.firstOomPosition(),
                    logConfidence(f.logs.oomCount()), "log_signature_count_v1", null, null));
        }
        if (f.run.status() == RunStatus.FAILED || f.run.status() == RunStatus.CRASHED) {
            out.add(new Bottleneck("RUN_FAILED", "critical", "the run ended " + f.run.status().wire(), 1.0,
                    "run_status", null, null));
        }
        for (LogCluster c : f.logs.clusters()) {
            if (c.category().equals("error") && c.count() >= 3) {
                out.add(new Bottleneck("REPEATED_ERRORS", "warning",
                        "error repeated " + c.count() + " times: " + c.signature(), logConfidence(c.count()),
                        "log_signature_count_v1", null, null));
                break;
            }
        }
        if (f.logs.nanCount() > 0 && div == null) {
            out.add(new Bottleneck("NAN_IN_LOGS", "warning", f.logs.nanCount() + " log line(s) report NaN/Inf values",
                    logConfidence(f.logs.nanCount()), "log_signature_count_v1", null, null));
        }
        if (div == null && !f.nonFiniteByMetric.isEmpty()) {
            out.add(new Bottleneck("NON_FINITE_VALUES", "warning",
                    "NaN/infinite values in " + f.nonFiniteByMetric.keySet(), 0.9, "metric_summaries", null, null));
        }
        moments(f, out);
        curveState(f, out);
        throughput(f, out);
        out.sort(Comparator.comparingInt((Bottleneck b) -> rank(b.severity())).thenComparing(Bottleneck::code));
        return out;
    }

    private static void moments(RunFacts f, List<Bottleneck> out) {
        for (CriticalMoment m : f.momentsOf(MomentType.DROP)) {
            out.add(new Bottleneck("METRIC_DROP", "warning",
                    "'" + f.primaryKey + "' got worse at step " + m.step() + ": " + m.description(), m.confidence(),
                    m.confidenceSource(), f.primaryKey, m.step()));
        }
        for (CriticalMoment m : f.momentsOf(MomentType.PLATEAU)) {
            boolean long_ = m.magnitude() >= 0.2;
            out.add(new Bottleneck("PLATEAU", long_ ? "warning" : "info",
                    String.format(Locale.ROOT, "'%s' stalled for %.0f%% of the run (steps %d-%d)", f.primaryKey,
                            100 * m.magnitude(), m.step(), m.endStep()),
                    m.confidence(), m.confidenceSource(), f.primaryKey, m.step()));
        }
        if (f.overfitting != null && !"none".equals(f.overfitting.signal())) {
            boolean over = "overfitting".equals(f.overfitting.signal());
            out.add(new Bottleneck("OVERFITTING", over ? "warning" : "info",
                    "the gap between '" + f.primaryKey + "' and '" + f.evalKey + "' is growing"
                            + (over ? " and the eval metric is past its best" : ""),
                    f.overfitting.confidence(), f.overfitting.confidenceSource(), f.evalKey,
                    f.overfitting.onsetStep()));
        }
    }

    private static void curveState(RunFacts f, List<Bottleneck> out) {
        CurveReport c = f.curve;
        if (f.divergence() != null) {
            return;
        }
        if (c.relativeGain() < 0.02) {
            out.add(new Bottleneck("NO_IMPROVEMENT", "warning", String.format(Locale.ROOT,
                    "'%s' improved by only %.1f%% over the run", f.primaryKey, 100 * c.relativeGain()), 0.8,
                    "relative_gain_v1", f.primaryKey, null));
        } else if (c.phase().equals("regressing") || c.regressionFromBest() > 0.2) {
            out.add(new Bottleneck("REGRESSION", "warning",
                    String.format(Locale.ROOT, "'%s' is %.0f%% of its range behind its best (step %d)", f.primaryKey,
                            100 * c.regressionFromBest(), c.bestStep()),
                    0.7, "trend_window_v1", f.primaryKey, c.bestStep()));
        } else if (c.phase().equals("learning") && c.trend().velocity() != null && c.trend().velocity() > 0) {
            out.add(new Bottleneck("STILL_IMPROVING", "info",
                    "'" + f.primaryKey + "' was still improving at the last step: more steps would likely help", 0.7,
                    "trend_window_v1", f.primaryKey, c.lastStep()));
        }
    }

    private static void throughput(RunFacts f, List<Bottleneck> out) {
        if (f.throughputCv != null && f.throughputCv > 0.3) {
            out.add(new Bottleneck(
                    "THROUGHPUT_UNSTABLE", "warning", String.format(Locale.ROOT,
                            "'%s' varies by %.0f%% (coefficient of variation)", f.throughputKey, 100 * f.throughputCv),
                    0.7, "throughput_cv_v1", f.throughputKey, null));
        }
        if (f.throughputTailRatio != null && f.throughputTailRatio < 0.7) {
            out.add(new Bottleneck("THROUGHPUT_DECLINE", "warning", String.format(Locale.ROOT,
                    "'%s' fell to %.0f%% of its median at the end", f.throughputKey, 100 * f.throughputTailRatio), 0.75,
                    "throughput_tail_ratio_v1", f.throughputKey, null));
        }
    }

    static double logConfidence(int count) {
        return r3(Math.min(0.99, 1 - Math.pow(0.5, count + 1)));
    }

    private static int rank(String severity) {
        return switch (severity) {
            case "critical" -> 0;
            case "warning" -> 1;
            default -> 2;
        };
    }

    static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }

    static double r1(double x) {
        return Math.round(x * 10) / 10.0;
    }

    static double r3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
