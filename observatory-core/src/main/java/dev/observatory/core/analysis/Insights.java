package dev.observatory.core.analysis;

import dev.observatory.analysis.moments.CriticalMoment;
import dev.observatory.analysis.moments.MomentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Deterministic insights: the bottlenecks, then what went well, each with the evidence it rests on. */
final class Insights {
    private Insights() {
    }

    static Reports.Insights of(RunFacts f) {
        Scores scores = Scoring.scores(f);
        List<Bottleneck> bottlenecks = Scoring.bottlenecks(f);
        List<Recommendation> recs = Advice.recommendations(bottlenecks);
        List<Reports.Insight> out = new ArrayList<>();
        for (Bottleneck b : bottlenecks) {
            String detail = recs.stream().filter(r -> r.addresses().equals(b.code())).findFirst()
                    .map(r -> r.title() + ": " + r.detail()).orElse("");
            out.add(new Reports.Insight(b.code(), b.severity(), b.message(), detail,
                    List.of(new Evidence(b.code().toLowerCase(Locale.ROOT), b.metric(), b.step(), b.confidence(),
                            b.confidenceSource()))));
        }
        CurveReport c = f.curve;
        out.add(new Reports.Insight("LEARNING_SUMMARY", "info",
                String.format(Locale.ROOT, "'%s' is %s, %.1f%% better than at the start", c.key(), c.phase(),
                        100 * c.relativeGain()),
                c.t90RunFraction() == null ? "it never improved on its first value"
                        : String.format(Locale.ROOT, "90%% of the improvement came in the first %.0f%% of the run",
                                100 * c.t90RunFraction()),
                List.of(Advice.ev("relative_gain", c.key(), null, c.relativeGain(), "learning_curve"),
                        Advice.ev("t90_run_fraction", c.key(), null, c.t90RunFraction(), "learning_curve"),
                        Advice.ev("best", c.key(), c.bestStep(), c.best(), "learning_curve"))));
        if (c.convergence().converged() && c.convergence().convergedAtStep() != null) {
            out.add(new Reports.Insight("CONVERGED", "info",
                    "'" + c.key() + "' converged at step " + c.convergence().convergedAtStep(),
                    "its improvement over the trailing window stayed below " + 100 * c.convergence().threshold()
                            + "% from there on",
                    List.of(Advice.ev("converged_at_step", c.key(), c.convergence().convergedAtStep(),
                            c.convergence().lastRelativeImprovement(), "convergence"))));
        }
        for (CriticalMoment m : f.momentsOf(MomentType.BREAKTHROUGH)) {
            out.add(new Reports.Insight("BREAKTHROUGH", "info", "breakthrough at step " + m.step(), m.description(),
                    List.of(Advice.ev("breakthrough", c.key(), m.step(), m.magnitude(), m.confidenceSource()))));
        }
        for (CriticalMoment m : f.momentsOf(MomentType.PLATEAU)) {
            double gain = f.direction.sign() * (c.best() - m.valueBefore())
                    / Math.max(Math.abs(m.valueBefore()), 1e-12);
            if (gain > 0.1) {
                out.add(new Reports.Insight("BREAKTHROUGH_AFTER_PLATEAU", "info",
                        "learning resumed at step " + m.endStep() + " after a plateau from step " + m.step(),
                        String.format(Locale.ROOT, "the best value after it is %.0f%% better than the plateau level",
                                100 * gain),
                        List.of(Advice.ev("plateau_end", c.key(), m.endStep(), m.valueAfter(), m.confidenceSource()),
                                Advice.ev("gain_after_plateau", c.key(), c.bestStep(), gain, "learning_curve"))));
            }
        }
        return new Reports.Insights(RunRef.of(f.run), Scoring.health(scores, bottlenecks), scores, out);
    }
}
