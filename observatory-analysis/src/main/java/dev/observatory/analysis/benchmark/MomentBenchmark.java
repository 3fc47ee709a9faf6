package dev.observatory.analysis.benchmark;

import dev.observatory.analysis.moments.CriticalMoment;
import dev.observatory.analysis.moments.CriticalMomentReport;
import dev.observatory.analysis.moments.CriticalMoments;
import dev.observatory.analysis.moments.MomentOptions;
import dev.observatory.analysis.moments.MomentType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores {@link CriticalMoments} against labelled curves. A detection matches a label when the type is the same and the
 * step is within {@link #STEP_TOLERANCE} of the run length; for plateaus both the start and the end must be within
 * {@link #PLATEAU_TOLERANCE}. Each label matches at most one detection (the nearest); unmatched detections are false
 * positives, unmatched labels false negatives.
 */
public final class MomentBenchmark {

    /** Step tolerance, fraction of the run length. */
    public static final double STEP_TOLERANCE = 0.02;
    /** Plateau boundary tolerance, fraction of the run length. */
    public static final double PLATEAU_TOLERANCE = 0.05;

    private MomentBenchmark() {
    }

    /** Detection outcome of one curve, for reports and debugging. */
    public record CurveOutcome(LabelledCurve curve, List<CriticalMoment> detected, List<CriticalMoment> falsePositives,
            List<LabelledCurve.Label> missed) {
    }

    /** Per-type scores (breakthrough, drop, plateau, divergence, then "all") and the per-curve outcomes. */
    public record Result(Map<String, TypeScore> scores, List<CurveOutcome> outcomes) {

        /** The score over all types. */
        public TypeScore overall() {
            return scores.get("all");
        }
    }

    public static Result run(List<LabelledCurve> curves, MomentOptions options) {
        Map<String, TypeScore> scores = new LinkedHashMap<>();
        for (MomentType t : MomentType.values()) {
            scores.put(name(t), new TypeScore(name(t), 0, 0, 0));
        }
        List<CurveOutcome> outcomes = new ArrayList<>();
        for (LabelledCurve c : curves) {
            CriticalMomentReport report = CriticalMoments.detect(c.steps(), c.values(), c.direction(), options);
            CurveOutcome outcome = match(c, report.moments());
            outcomes.add(outcome);
            for (LabelledCurve.Label l : c.labels()) {
                boolean missed = outcome.missed().contains(l);
                scores.merge(name(l.type()), new TypeScore("", missed ? 0 : 1, 0, missed ? 1 : 0), TypeScore::plus);
            }
            for (CriticalMoment fp : outcome.falsePositives()) {
                scores.merge(name(fp.type()), new TypeScore("", 0, 1, 0), TypeScore::plus);
            }
        }
        TypeScore all = new TypeScore("all", 0, 0, 0);
        for (TypeScore s : scores.values()) {
            all = all.plus(s);
        }
        scores.put("all", all);
        return new Result(scores, outcomes);
    }

    static CurveOutcome match(LabelledCurve c, List<CriticalMoment> detected) {
        List<CriticalMoment> free = new ArrayList<>(detected);
        List<LabelledCurve.Label> missed = new ArrayList<>();
        double run = c.runLength();
        for (LabelledCurve.Label l : c.labels()) {
            CriticalMoment best = null;
            double bestDistance = Double.MAX_VALUE;
            for (CriticalMoment d : free) {
                if (d.type() != l.type()) {
                    continue;
                }
                double distance = Math.abs(d.step() - l.step());
                boolean ok;
                if (l.type() == MomentType.PLATEAU) {
                    double endDistance = d.endStep() == null ? Double.MAX_VALUE : Math.abs(d.endStep() - l.endStep());
                    ok = distance <= PLATEAU_TOLERANCE * run && endDistance <= PLATEAU_TOLERANCE * run;
                } else {
                    ok = distance <= STEP_TOLERANCE * run;
                }
                if (ok && distance < bestDistance) {
                    best = d;
                    bestDistance = distance;
                }
            }
            if (best == null) {
                missed.add(l);
            } else {
                free.remove(best);
            }
        }
        return new CurveOutcome(c, detected, free, missed);
    }

    static String name(MomentType t) {
        return t.name().toLowerCase(Locale.ROOT);
    }
}
