package dev.observatory.core.alert;

import dev.observatory.model.job.GuardrailEvent;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobQuery;
import dev.observatory.store.NotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code job_guardrail}: training jobs whose guardrail tripped (nan, oom, stall, divergence or a user rule) within the
 * last {@code window_minutes} (default 60). One series per tripped job with the value 1, labelled job, project and
 * guardrail, with the guardrail's reason, step and evidence lines as context; a rule "above 0" thus fires once per
 * tripped job and resolves when the trip leaves the window. Parameters (all optional): {@code project}, {@code job} (an
 * id), {@code guardrail} (one kind). The newest {@value #MAX_JOBS} jobs of the project (or of all projects) are read
 * once per round for every rule.
 */
final class JobGuardrailSignal implements AlertSignal {
    static final Set<String> GUARDRAILS = Set.of("nan", "oom", "stall", "divergence", "rule");
    static final int MAX_JOBS = 1000;

    @Override
    public String kind() {
        return "job_guardrail";
    }

    @Override
    public String description() {
        return "training jobs whose guardrail tripped (value 1 per job); params: project, job (id), guardrail ("
                + String.join(", ", GUARDRAILS.stream().sorted().toList()) + "), window_minutes (default 60)";
    }

    @Override
    public void validate(Map<String, String> params) {
        String g = params.get("guardrail");
        if (g != null && !GUARDRAILS.contains(g)) {
            throw new IllegalArgumentException("job_guardrail params.guardrail is one of "
                    + GUARDRAILS.stream().sorted().toList() + ", got '" + g + "'");
        }
        if (params.get("job") != null && params.get("project") != null) {
            throw new IllegalArgumentException("job_guardrail takes params.job or params.project, not both");
        }
        window(params);
    }

    static Duration window(Map<String, String> params) {
        String w = params.getOrDefault("window_minutes", "60");
        try {
            int m = Integer.parseInt(w.trim());
            if (m < 1 || m > 43_200) {
                throw new NumberFormatException();
            }
            return Duration.ofMinutes(m);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("window_minutes must be 1 to 43200 (30 days), got '" + w + "'");
        }
    }

    @Override
    public List<Sample> sample(AlertRule rule, Round round) {
        Map<String, String> p = rule.params();
        List<Job> jobs;
        if (p.get("job") != null) {
            jobs = List.of(round.tracking().store().jobs().get(p.get("job")).orElseThrow(
                    () -> new NotFoundException("no job with id '" + p.get("job") + "': list_jobs shows them")));
        } else {
            String project = p.get("project");
            jobs = round.memo(java.util.Arrays.asList(kind(), project),
                    () -> round.tracking().store().jobs().list(new JobQuery(project, null, Set.of(), MAX_JOBS, 0)));
        }
        java.time.Instant since = round.now().minus(window(p));
        String only = p.get("guardrail");
        List<Sample> out = new ArrayList<>();
        for (Job job : jobs) {
            GuardrailEvent g = job.guardrail();
            if (g == null || g.firedAt() == null || g.firedAt().isBefore(since)
                    || only != null && !only.equals(g.guardrail())) {
                continue;
            }
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("reason", g.reason());
            if (g.step() != null) {
                context.put("step", g.step());
            }
            context.put("fired_at", g.firedAt().toString());
            context.put("job_name", job.name());
            context.put("run", job.runId());
            context.put("status", job.status().name().toLowerCase(java.util.Locale.ROOT));
            context.put("evidence", g.lines());
            out.add(new Sample(Map.of("job", job.id(), "project", job.project(), "guardrail", g.guardrail()), 1,
                    context));
        }
        return out;
    }
}
