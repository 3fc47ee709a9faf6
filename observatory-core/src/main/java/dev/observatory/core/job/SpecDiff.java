package dev.observatory.core.job;

import dev.observatory.model.job.GuardrailRule;
import dev.observatory.model.job.JobSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A structured diff of two job specs: every path whose value differs (secret env values redacted on both sides). */
public final class SpecDiff {

    /** One difference; {@code change} is added, removed or changed. */
    public record Change(String path, String change, String left, String right) {
    }

    private SpecDiff() {
    }

    public static List<Change> of(JobSpec a, JobSpec b) {
        Map<String, String> left = flatten(a);
        Map<String, String> right = flatten(b);
        Set<String> paths = new LinkedHashSet<>(left.keySet());
        paths.addAll(right.keySet());
        List<Change> out = new ArrayList<>();
        for (String p : paths) {
            String l = left.get(p);
            String r = right.get(p);
            if (!Objects.equals(l, r)) {
                out.add(new Change(p, l == null ? "added" : r == null ? "removed" : "changed", l, r));
            }
        }
        return out;
    }

    /** The spec as path -> text, e.g. {@code argv[2]}, {@code env.EPOCHS}, {@code params.lr}, {@code guardrails.*}. */
    public static Map<String, String> flatten(JobSpec s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < s.argv().size(); i++) {
            m.put("argv[" + i + "]", s.argv().get(i));
        }
        m.put("working_dir", s.workingDir());
        m.put("executor", s.executor());
        m.put("shell", String.valueOf(s.shell()));
        m.put("target_steps", s.targetSteps() == null ? null : String.valueOf(s.targetSteps()));
        SecretRedactor.redactEnv(s.env()).forEach((k, v) -> m.put("env." + k, v));
        s.params().forEach((k, v) -> m.put("params." + k, v));
        m.put("resources.gpus", String.valueOf(s.resources().gpus()));
        m.put("resources.gpu_type", s.resources().gpuType());
        m.put("resources.cpus", String.valueOf(s.resources().cpus()));
        m.put("resources.memory_gb", String.valueOf(s.resources().memoryGb()));
        var g = s.guardrails();
        m.put("guardrails.watch_metrics", String.join(",", g.watchMetrics()));
        m.put("guardrails.stop_on_nan", String.valueOf(g.stopOnNan()));
        m.put("guardrails.oom_threshold", String.valueOf(g.oomThreshold()));
        m.put("guardrails.stall_seconds", String.valueOf(g.stallSeconds()));
        m.put("guardrails.divergence_factor", String.valueOf(g.divergenceFactor()));
        m.put("guardrails.divergence_metric", g.divergenceMetric());
        m.put("guardrails.rules", String.join("; ", g.rules().stream().map(GuardrailRule::text).toList()));
        m.put("guardrails.stop_on_trigger", String.valueOf(g.stopOnTrigger()));
        m.put("guardrails.checkpoint_signal_ms", String.valueOf(g.checkpointSignalMs()));
        m.values().removeIf(Objects::isNull);
        return m;
    }
}
