package dev.observatory.core.alert;

import dev.observatory.model.MetricPoint;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.store.RunQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code run_metric}: a training metric of a run, or of every running run of a project, over its last {@code steps}
 * points. The value is the least extreme of those points in the rule's direction (their minimum for "above", maximum
 * for "below"), so the rule holds only when every one of the last N points is beyond the threshold.
 */
final class RunMetricSignal implements AlertSignal {
    private static final int MAX_RUNS = 200;

    @Override
    public String kind() {
        return "run_metric";
    }

    @Override
    public String description() {
        return "a run's metric over its last N points; params: metric, run (id) or project (its running runs),"
                + " steps (default 1)";
    }

    @Override
    public void validate(Map<String, String> params) {
        if (params.get("metric") == null) {
            throw new IllegalArgumentException("run_metric needs params.metric, e.g. \"loss\"");
        }
        if ((params.get("run") == null) == (params.get("project") == null)) {
            throw new IllegalArgumentException("run_metric needs params.run (a run id) or params.project, not both");
        }
        steps(params);
    }

    static int steps(Map<String, String> params) {
        try {
            int n = Integer.parseInt(params.getOrDefault("steps", "1").trim());
            if (n < 1 || n > 10_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("steps must be 1 to 10000, got '" + params.get("steps") + "'");
        }
    }

    @Override
    public List<Sample> sample(AlertRule rule, Round round) {
        Map<String, String> p = rule.params();
        String metric = p.get("metric");
        List<Run> runs;
        if (p.get("run") != null) {
            runs = List
                    .of(round.memo(List.of(kind(), "run", p.get("run")), () -> round.tracking().getRun(p.get("run"))));
        } else {
            runs = round.memo(List.of(kind(), p.get("project")),
                    () -> round.tracking().store().runs().list(new RunQuery(p.get("project"), Set.of(RunStatus.RUNNING),
                            null, null, null, null, "created_at", true, MAX_RUNS, 0)));
        }
        Map<String, MetricSummary> summaries = summaries(runs, metric, round);
        int steps = steps(p);
        List<Sample> out = new ArrayList<>();
        for (Run run : runs) {
            MetricSummary s = summaries.get(run.id());
            if (s == null || s.count() < steps) {
                continue; // the run has not logged (enough of) the metric yet
            }
            List<MetricPoint> last = round.memo(List.of(kind(), "last", run.id(), metric, steps),
                    () -> round.tracking().store().metrics().read(run.id(), metric, Long.MIN_VALUE, Long.MAX_VALUE,
                            s.count() - steps, steps));
            double v = rule.above() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            for (MetricPoint pt : last) {
                v = rule.above() ? Math.min(v, pt.value()) : Math.max(v, pt.value());
            }
            out.add(new Sample(Map.of("run", run.id(), "project", run.project()), v,
                    Map.of("run_name", run.name(), "last_step", s.lastStep())));
        }
        return out;
    }

    /**
     * The metric's summary of each run that has it, read for all the runs in one store call and once per round for
     * every rule over the same runs and metric.
     */
    private Map<String, MetricSummary> summaries(List<Run> runs, String metric, Round round) {
        List<String> ids = runs.stream().map(Run::id).toList();
        return round.memo(List.of(kind(), "summaries", ids, metric), () -> {
            Map<String, MetricSummary> out = new HashMap<>();
            round.tracking().store().metrics().summaries(ids, List.of(metric)).forEach((run, byKey) -> {
                MetricSummary s = byKey.get(metric);
                if (s != null) {
                    out.put(run, s);
                }
            });
            return out;
        });
    }
}
