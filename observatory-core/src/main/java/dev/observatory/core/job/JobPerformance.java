package dev.observatory.core.job;

import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How jobs went: counts by status, success rate among ended jobs, duration statistics of ended jobs, and the success
 * rate per project.
 *
 * @param successRate
 *            succeeded / ended (user stops excluded from the denominator); null when none ended
 * @param health
 *            {@code healthy} (success rate >= 0.9 and no guardrail stop among the last 5 ended), {@code degraded} (>=
 *            0.5) or {@code failing}; {@code unknown} when none ended
 */
public record JobPerformance(int jobs, Map<String, Integer> byStatus, Double successRate, Durations durations,
        Map<String, Double> successRateByProject, String health) {

    /** Seconds from start to end of the ended jobs that started. */
    public record Durations(int count, double meanSeconds, double p50Seconds, double p95Seconds, double maxSeconds) {
    }

    public static JobPerformance of(List<Job> jobs, Instant now) {
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, int[]> projects = new TreeMap<>();
        int succeeded = 0;
        int judged = 0;
        for (Job j : jobs) {
            byStatus.merge(j.status().wire(), 1, Integer::sum);
            if (j.status().terminal() && j.status() != JobStatus.STOPPED) {
                judged++;
                boolean ok = j.status() == JobStatus.SUCCEEDED;
                succeeded += ok ? 1 : 0;
                int[] p = projects.computeIfAbsent(j.project(), k -> new int[2]);
                p[0] += ok ? 1 : 0;
                p[1]++;
            }
        }
        double[] secs = jobs.stream().filter(j -> j.status().terminal() && j.startedAt() != null)
                .mapToDouble(j -> j.elapsed(now).toMillis() / 1000.0).sorted().toArray();
        Durations d = secs.length == 0 ? null
                : new Durations(secs.length, Arrays.stream(secs).average().orElse(0), pct(secs, 0.5), pct(secs, 0.95),
                        secs[secs.length - 1]);
        Map<String, Double> rates = new TreeMap<>();
        projects.forEach((k, v) -> rates.put(k, v[0] / (double) v[1]));
        Double rate = judged == 0 ? null : succeeded / (double) judged;
        boolean recentGuardrail = jobs.stream().filter(j -> j.status().terminal()).limit(5)
                .anyMatch(j -> j.status() == JobStatus.GUARDRAIL_STOPPED);
        String health = rate == null ? "unknown"
                : rate >= 0.9 && !recentGuardrail ? "healthy" : rate >= 0.5 ? "degraded" : "failing";
        return new JobPerformance(jobs.size(), byStatus, rate, d, rates, health);
    }

    private static double pct(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
