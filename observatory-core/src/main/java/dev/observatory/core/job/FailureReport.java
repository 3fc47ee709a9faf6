package dev.observatory.core.job;

import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Failures across jobs: how many of each class (oom, nan, stall, divergence, rule, killed, error, exit_code, lost), and
 * the repeated error signatures with their counts, first and last time seen and the jobs they hit.
 *
 * @param analysed
 *            jobs looked at
 * @param failed
 *            of them, those that failed, were stopped by a guardrail or were lost
 */
public record FailureReport(int analysed, int failed, Map<String, Integer> byClass, List<Cluster> clusters) {

    /** Jobs sharing one normalised error signature. */
    public record Cluster(String signature, int count, Instant firstSeen, Instant lastSeen, List<String> jobIds,
            Map<String, Integer> classes) {
    }

    /** Analyses the jobs; clusters are ordered by count, then most recent; at most 10 job ids each. */
    public static FailureReport of(List<Job> jobs) {
        Map<String, Integer> byClass = new TreeMap<>();
        Map<String, List<Job>> bySignature = new LinkedHashMap<>();
        int failed = 0;
        for (Job j : jobs) {
            if (!isFailure(j.status())) {
                continue;
            }
            failed++;
            String cls = j.failure() == null ? "unknown" : j.failure();
            byClass.merge(cls, 1, Integer::sum);
            String sig = j.errorSignature() != null ? j.errorSignature() : cls + " (no error line)";
            bySignature.computeIfAbsent(sig, k -> new ArrayList<>()).add(j);
        }
        List<Cluster> clusters = new ArrayList<>();
        bySignature.forEach((sig, list) -> {
            Map<String, Integer> classes = new TreeMap<>();
            list.forEach(j -> classes.merge(j.failure() == null ? "unknown" : j.failure(), 1, Integer::sum));
            List<Instant> times = list.stream().map(FailureReport::seen).sorted().toList();
            List<String> ids = list.stream().sorted(Comparator.comparing(FailureReport::seen).reversed()).map(Job::id)
                    .limit(10).toList();
            clusters.add(new Cluster(sig, list.size(), times.get(0), times.get(times.size() - 1), ids, classes));
        });
        clusters.sort(Comparator.comparingInt(Cluster::count).reversed().thenComparing(Cluster::lastSeen,
                Comparator.reverseOrder()));
        return new FailureReport(jobs.size(), failed, byClass, clusters);
    }

    static boolean isFailure(JobStatus s) {
        return s == JobStatus.FAILED || s == JobStatus.GUARDRAIL_STOPPED || s == JobStatus.LOST;
    }

    private static Instant seen(Job j) {
        return j.endedAt() != null ? j.endedAt() : j.createdAt();
    }
}
