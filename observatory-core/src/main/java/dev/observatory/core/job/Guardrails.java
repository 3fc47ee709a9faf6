package dev.observatory.core.job;

import dev.observatory.model.job.GuardrailEvent;
import dev.observatory.model.job.GuardrailRule;
import dev.observatory.model.job.GuardrailSpec;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live guardrails of one job, fed each log line (with the metrics parsed from it) by the log reader and ticked by a
 * timer for stalls. The first guardrail that fires wins; later ones are ignored. Thread-safe.
 */
public final class Guardrails {
    static final int EVIDENCE_LINES = 8;
    /** Extra time a job that printed nothing yet gets before it counts as stalled (interpreters, compilers). */
    static final long STARTUP_ALLOWANCE_MS = 60_000;

    private final GuardrailSpec spec;
    private final ArrayDeque<String> recent = new ArrayDeque<>(EVIDENCE_LINES);
    private final int[] ruleRuns;
    private int ooms;
    private long lastStep = ParsedLine.NO_STEP;
    private long lastProgressMs;
    private boolean heard;
    private double runningMin = Double.POSITIVE_INFINITY;
    private long divergenceSeen;
    private GuardrailEvent fired;

    public Guardrails(GuardrailSpec spec, long startMs) {
        this.spec = spec;
        this.lastProgressMs = startMs + STARTUP_ALLOWANCE_MS;
        this.ruleRuns = new int[spec.rules().size()];
    }

    /** Whether a guardrail fired already, and which. */
    public synchronized GuardrailEvent fired() {
        return fired;
    }

    /**
     * Checks one line; {@code parsed} holds its metrics (size 0 when none) and {@code step} the step they belong to.
     * Returns the event when a guardrail fires on this line, else null.
     */
    public synchronized GuardrailEvent onLine(String line, ParsedLine parsed, long step, long nowMs) {
        if (recent.size() == EVIDENCE_LINES) {
            recent.removeFirst();
        }
        recent.addLast(line.length() > 1000 ? line.substring(0, 1000) : line);
        if (!heard) {
            heard = true; // the stall clock runs from the first line
            lastProgressMs = nowMs;
        }
        if (fired != null) {
            return null;
        }
        if (spec.oomThreshold() > 0 && isOom(line) && ++ooms >= spec.oomThreshold()) {
            return fire("oom",
                    "out-of-memory signature seen" + (ooms > 1 ? " " + ooms + " times" : "") + ": " + line.strip(),
                    step, Map.of("oom_count", (double) ooms), nowMs);
        }
        if (parsed == null || parsed.size() == 0) {
            return null;
        }
        if (step != ParsedLine.NO_STEP && step > lastStep) {
            lastStep = step;
            lastProgressMs = nowMs;
        }
        for (int i = 0; i < parsed.size(); i++) {
            GuardrailEvent e = check(parsed.key(i), parsed.value(i), step, nowMs);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    private GuardrailEvent check(String key, double v, long step, long nowMs) {
        if (spec.stopOnNan() && !Double.isFinite(v) && watched(key)) {
            return fire("nan", key + " became " + (Double.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf")
                    + (step == ParsedLine.NO_STEP ? "" : " at step " + step), step, Map.of(key, v), nowMs);
        }
        if (spec.divergenceFactor() > 0 && key.equals(spec.divergenceMetric()) && Double.isFinite(v)) {
            divergenceSeen++;
            if (divergenceSeen > spec.divergenceWarmup() && runningMin > 0
                    && v > spec.divergenceFactor() * runningMin) {
                Map<String, Double> values = new LinkedHashMap<>();
                values.put(key, v);
                values.put("running_min", runningMin);
                values.put("factor", spec.divergenceFactor());
                return fire("divergence",
                        String.format(Locale.ROOT, "%s = %.6g is above %.3g x its running minimum" + " %.6g", key, v,
                                spec.divergenceFactor(), runningMin),
                        step, values, nowMs);
            }
            runningMin = Math.min(runningMin, v);
        }
        List<GuardrailRule> rules = spec.rules();
        for (int r = 0; r < rules.size(); r++) {
            GuardrailRule rule = rules.get(r);
            if (!rule.metric().equals(key)) {
                continue;
            }
            ruleRuns[r] = rule.holds(v) ? ruleRuns[r] + 1 : 0;
            if (ruleRuns[r] >= rule.forSteps()) {
                return fire("rule", "rule '" + rule.text() + "' held: " + key + " = " + v, step, Map.of(key, v), nowMs);
            }
        }
        return null;
    }

    /** Fires the stall guardrail when no new step was seen for stall_seconds; else null. */
    public synchronized GuardrailEvent onTick(long nowMs) {
        if (fired != null || spec.stallSeconds() <= 0) {
            return null;
        }
        long idleMs = nowMs - lastProgressMs;
        if (idleMs < spec.stallSeconds() * 1000) {
            return null;
        }
        String since = lastStep == ParsedLine.NO_STEP ? "since the start" : "after step " + lastStep;
        return fire("stall", "no new step for " + idleMs / 1000 + " s " + since,
                lastStep == ParsedLine.NO_STEP ? ParsedLine.NO_STEP : lastStep, Map.of("idle_seconds", idleMs / 1000.0),
                nowMs);
    }

    private boolean watched(String key) {
        return spec.watchMetrics().isEmpty() ? key.contains("loss") : spec.watchMetrics().contains(key);
    }

    /** Whether the line is an out-of-memory signature (CUDA OOM, the kernel's "Killed", a JVM OOM). */
    public static boolean isOom(String line) {
        return line.contains("ut of memory") || line.contains("OutOfMemoryError")
                || (line.length() < 40 && line.strip().equals("Killed"));
    }

    private GuardrailEvent fire(String kind, String reason, long step, Map<String, Double> values, long nowMs) {
        fired = new GuardrailEvent(kind, reason, step == ParsedLine.NO_STEP ? null : step, List.copyOf(recent), values,
                Instant.ofEpochMilli(nowMs), null);
        return fired;
    }
}
