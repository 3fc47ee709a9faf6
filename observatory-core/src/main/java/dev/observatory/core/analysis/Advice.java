package dev.observatory.core.analysis;

import dev.observatory.analysis.forecast.Forecast;
import dev.observatory.analysis.forecast.Forecasts;
import dev.observatory.analysis.moments.CriticalMoment;
import dev.observatory.analysis.moments.MomentType;
import java.util.ArrayList;
import java.util.List;

/** Recommendations for bottlenecks and the suggested next experiment: fixed rules, first match wins. */
final class Advice {
    private static final String[] LR = { "learning_rate", "lr", "optimizer.lr" };
    private static final String[] BATCH = { "batch_size", "per_device_batch_size", "train_batch_size" };
    private static final String[] WARMUP = { "warmup_steps", "warmup_epochs", "warmup_ratio" };
    private static final String[] DECAY = { "weight_decay" };

    private Advice() {
    }

    static List<Recommendation> recommendations(List<Bottleneck> bottlenecks) {
        List<Recommendation> out = new ArrayList<>();
        for (Bottleneck b : bottlenecks) {
            Recommendation r = switch (b.code()) {
                case "DIVERGENCE" -> rec("Lower the learning rate (about 3x) or add warmup, then rerun", "high",
                        "the metric blew up or turned NaN; gradient clipping also helps", b);
                case "OUT_OF_MEMORY" -> rec("Halve the batch size and double gradient accumulation", "high",
                        "keeps the effective batch while cutting activation memory; or enable checkpointing", b);
                case "RUN_FAILED" -> rec("Read the last error lines before rerunning", "high",
                        "get_run_logs with level=ERROR shows why the run stopped", b);
                case "REPEATED_ERRORS" -> rec("Fix the repeated error", "medium", b.message(), b);
                case "NAN_IN_LOGS", "NON_FINITE_VALUES" -> rec("Enable gradient clipping or loss scaling", "medium",
                        "NaN/Inf values appear before a full divergence", b);
                case "METRIC_DROP" -> rec("Check what changed at the drop step", "medium",
                        "a schedule change, a data shard or a resumed checkpoint often explains a sudden regression",
                        b);
                case "PLATEAU" -> rec("Shorten the stall with warmup or a lower initial learning rate", "medium",
                        "the curve stalled and resumed; the steps spent there were lost", b);
                case "OVERFITTING" -> rec("Regularise or stop at the eval optimum", "medium",
                        "raise weight decay or dropout, add data, or keep the checkpoint at the eval best", b);
                case "NO_IMPROVEMENT" ->
                        rec("Raise the learning rate or check the data pipeline", "high", "the metric barely moved", b);
                case "REGRESSION" -> rec("Keep the best checkpoint and lower the learning rate late in training",
                        "medium", "the metric ended worse than its best", b);
                case "STILL_IMPROVING" -> rec("Train longer", "low", "the curve had not flattened yet", b);
                case "THROUGHPUT_UNSTABLE", "THROUGHPUT_DECLINE" -> rec("Check the input pipeline and the host", "low",
                        "data loading or thermal throttling usually explains unstable throughput", b);
                default -> null;
            };
            if (r != null && out.stream().noneMatch(x -> x.title().equals(r.title()))) {
                out.add(r);
            }
        }
        return out;
    }

    private static Recommendation rec(String title, String priority, String detail, Bottleneck b) {
        return new Recommendation(title, priority, detail, b.code());
    }

    static NextExperiment next(RunFacts f, List<Bottleneck> bottlenecks) {
        String id = f.run.id();
        Bottleneck oom = find(bottlenecks, "OUT_OF_MEMORY");
        if (oom != null) {
            Change c = change(f, BATCH, 0.5, true);
            return new NextExperiment(id, "reduce_batch", c.path, c.current, c.proposed,
                    "the run hit out-of-memory; half the batch with twice the gradient accumulation keeps the"
                            + " effective batch",
                    List.of(ev("oom_log_lines", null, null, f.logs.oomCount(), "log_intelligence")), "low",
                    "the run fits in memory with the same effective batch");
        }
        CriticalMoment div = f.divergence();
        if (div != null) {
            Object warmup = f.param(WARMUP);
            if (warmup instanceof Number w && w.doubleValue() == 0) {
                String path = ParamLookup.path(f.run.params(), leafOf(f, WARMUP), "");
                return new NextExperiment(id, "add_warmup", path, warmup, 100,
                        "the metric diverged at step " + div.step() + " and the run had no warmup",
                        List.of(ev("divergence", f.primaryKey, div.step(), div.magnitude(), "critical_moments")), "low",
                        "a stable start at the same peak learning rate");
            }
            Change c = change(f, LR, 0.3, false);
            return new NextExperiment(id, "tune_learning_rate", c.path, c.current, c.proposed,
                    "the metric diverged at step " + div.step() + "; a 3x lower learning rate usually stays stable",
                    List.of(ev("divergence", f.primaryKey, div.step(), div.magnitude(), "critical_moments")), "low",
                    "no divergence");
        }
        if (f.overfitting != null && "overfitting".equals(f.overfitting.signal())) {
            Change c = change(f, DECAY, 2, false);
            boolean hasDecay = c.current instanceof Number n && n.doubleValue() > 0;
            return new NextExperiment(id, hasDecay ? "regularise" : "more_data", hasDecay ? c.path : null,
                    hasDecay ? c.current : null, hasDecay ? c.proposed : null,
                    "the eval metric turned at step " + f.overfitting.onsetStep() + " while training kept improving",
                    List.of(ev("train_eval_gap_slope_t", f.evalKey, f.overfitting.onsetStep(),
                            f.overfitting.gapSlopeT(), "overfitting")),
                    "medium", "a smaller train/eval gap");
        }
        CurveReport c = f.curve;
        if (c.relativeGain() < 0.02 || !f.momentsOf(MomentType.PLATEAU).isEmpty() && c.t90RunFraction() != null
                && c.t90RunFraction() > 0.6) {
            Change lr = change(f, LR, c.relativeGain() < 0.02 ? 3 : 0.5, false);
            return new NextExperiment(id, "tune_learning_rate", lr.path, lr.current, lr.proposed,
                    c.relativeGain() < 0.02 ? "the metric barely moved: the learning rate is likely too low"
                            : "the curve stalled before it learned: a lower start avoids the plateau",
                    List.of(ev("relative_gain", f.primaryKey, null, c.relativeGain(), "learning_curve")),
                    c.relativeGain() < 0.02 ? "medium" : "low", "faster early progress");
        }
        if (c.phase().equals("learning")) {
            return longer(f);
        }
        if (c.convergence().converged() && c.convergence().convergedAtStep() != null
                && c.convergence().convergedAtStep() - c.firstStep() < 0.5 * (c.lastStep() - c.firstStep())) {
            return new NextExperiment(id, "stop_earlier", "steps", c.lastStep(), c.convergence().convergedAtStep(),
                    "the metric converged at step " + c.convergence().convergedAtStep() + ", half-way through",
                    List.of(ev("converged_at_step", f.primaryKey, c.convergence().convergedAtStep(), null,
                            "convergence")),
                    "low", "the same result in fewer steps");
        }
        return new NextExperiment(id, "keep_configuration", null, null, null,
                "no bottleneck stands out: repeat with another seed to confirm the result",
                List.of(ev("relative_gain", f.primaryKey, null, c.relativeGain(), "learning_curve")), "low",
                "a confirmed result");
    }

    private static NextExperiment longer(RunFacts f) {
        CurveReport c = f.curve;
        long target = c.lastStep() + (c.lastStep() - c.firstStep());
        Forecast fc = Forecasts.predict(f.primary.steps(), f.primary.values(), target);
        List<Evidence> ev = new ArrayList<>();
        ev.add(ev("learning_velocity", f.primaryKey, c.lastStep(), c.trend().velocity(), "trend"));
        if (fc.projected() != null) {
            ev.add(ev("projected_value_at_" + target, f.primaryKey, target, fc.projected(), "forecast_" + fc.model()));
        }
        return new NextExperiment(f.run.id(), "longer_training", "steps", c.lastStep(), target,
                "the metric was still improving at the last step; doubling the steps is projected to reach "
                        + (fc.projected() == null ? "a better value" : String.format("%.4g", fc.projected())),
                ev, "low", "a better final value");
    }

    private record Change(String path, Object current, Object proposed) {
    }

    private static Change change(RunFacts f, String[] names, double factor, boolean integer) {
        String leaf = leafOf(f, names);
        if (leaf == null) {
            return new Change(names[0], null, null);
        }
        String path = ParamLookup.path(f.run.params(), leaf, "");
        Object cur = ParamLookup.at(f.run.params(), path);
        if (!(cur instanceof Number n)) {
            return new Change(path, cur, null);
        }
        double p = n.doubleValue() * factor;
        Object proposed = integer ? (Object) Math.max(1L, Math.round(p)) : Double.valueOf(Float.toString((float) p));
        return new Change(path, cur, proposed);
    }

    private static String leafOf(RunFacts f, String[] names) {
        for (String n : names) {
            if (ParamLookup.path(f.run.params(), n, "") != null) {
                return n;
            }
        }
        return null;
    }

    private static Bottleneck find(List<Bottleneck> bs, String code) {
        return bs.stream().filter(b -> b.code().equals(code)).findFirst().orElse(null);
    }

    static Evidence ev(String signal, String metric, Long step, Number value, String source) {
        return new Evidence(signal, metric, step, value == null ? null : value.doubleValue(), source);
    }
}
