package dev.observatory.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.model.job.GuardrailSpec;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobResources;
import dev.observatory.model.job.JobSpec;
import dev.observatory.model.job.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cost estimates, failure clusters, performance figures and spec diffs over hand-made job records. */
class JobEconomicsTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Job job(String id, JobStatus status, int hours, String failure, String signature, Map<String, String> env) {
        JobSpec spec = new JobSpec(List.of("python3", "train.py"), "/data/jobs/a", env, "local",
                new JobResources(2, "h100", 8, 64), false, 10_000L, Map.of("lr", "0.1"), GuardrailSpec.defaults());
        Instant end = status.terminal() ? T0.plusSeconds(hours * 3600L) : null;
        return new Job(id, "vision", "run-" + id, id, spec, status, 1L, null, null, T0, T0, end, failure, signature,
                null, null);
    }

    @Test
    void costsSoFarAndProjectedFromTheStepRate() {
        PriceTable prices = PriceTable.parse("h100=3,cpu=0.5,memory_gb=0.01");
        Job running = job("a", JobStatus.RUNNING, 0, null, null, Map.of());

        CostEstimate e = CostEstimate.of(running, 2_500L, T0.plusSeconds(2 * 3600), prices);

        assertThat(e.hourlyUsd()).isEqualTo(2 * 3 + 8 * 0.5 + 64 * 0.01);
        assertThat(e.costSoFarUsd()).isEqualTo(2 * 10.64);
        assertThat(e.stepsPerHour()).isEqualTo(1250.0);
        assertThat(e.projectedTotalHours()).isEqualTo(8.0);
        assertThat(e.projectedTotalUsd()).isEqualTo(8 * 10.64);
        assertThat(e.remainingUsd()).isEqualTo(6 * 10.64);
        assertThat(CostEstimate.of(running, null, T0.plusSeconds(3600), prices).projectedTotalUsd()).isNull();
        assertThat(PriceTable.defaults().asOf()).isEqualTo(PriceTable.DEFAULTS_DATE);
        assertThatThrownBy(() -> PriceTable.parse("h100=cheap")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clustersRepeatedErrorSignaturesAndClassifiesFailures() {
        String oom = "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate <n> GiB";
        List<Job> jobs = List.of(job("a", JobStatus.FAILED, 1, "oom", oom, Map.of()),
                job("b", JobStatus.GUARDRAIL_STOPPED, 3, "oom", oom, Map.of()),
                job("c", JobStatus.FAILED, 2, "error", "ValueError: bad shape <n>", Map.of()),
                job("d", JobStatus.SUCCEEDED, 1, null, null, Map.of()),
                job("e", JobStatus.LOST, 1, "lost", null, Map.of()));

        FailureReport r = FailureReport.of(jobs);

        assertThat(r.failed()).isEqualTo(4);
        assertThat(r.byClass()).containsExactly(Map.entry("error", 1), Map.entry("lost", 1), Map.entry("oom", 2));
        FailureReport.Cluster top = r.clusters().get(0);
        assertThat(top.signature()).isEqualTo(oom);
        assertThat(top.count()).isEqualTo(2);
        assertThat(top.jobIds()).containsExactly("b", "a");
        assertThat(top.firstSeen()).isEqualTo(T0.plusSeconds(3600));
        assertThat(top.lastSeen()).isEqualTo(T0.plusSeconds(3 * 3600));
    }

    @Test
    void performanceCountsSuccessRateAndDurations() {
        List<Job> jobs = List.of(job("a", JobStatus.SUCCEEDED, 1, null, null, Map.of()),
                job("b", JobStatus.SUCCEEDED, 3, null, null, Map.of()),
                job("c", JobStatus.FAILED, 2, "error", null, Map.of()),
                job("d", JobStatus.STOPPED, 5, "stopped", null, Map.of()),
                job("e", JobStatus.RUNNING, 0, null, null, Map.of()));

        JobPerformance p = JobPerformance.of(jobs, T0.plusSeconds(3600));

        assertThat(p.successRate()).isEqualTo(2 / 3.0);
        assertThat(p.byStatus()).containsEntry("succeeded", 2).containsEntry("running", 1);
        assertThat(p.durations().count()).isEqualTo(4);
        assertThat(p.durations().p50Seconds()).isEqualTo(2.5 * 3600);
        assertThat(p.durations().maxSeconds()).isEqualTo(5 * 3600.0);
        assertThat(p.health()).isEqualTo("degraded");
    }

    @Test
    void diffsSpecsPathByPathWithSecretsRedacted() {
        Job a = job("a", JobStatus.SUCCEEDED, 1, null, null, Map.of("WANDB_API_KEY", "k1", "EPOCHS", "3"));
        Job b = job("b", JobStatus.FAILED, 1, null, null, Map.of("WANDB_API_KEY", "k2", "SEED", "7"));

        List<SpecDiff.Change> diff = SpecDiff.of(a.spec(), b.spec());

        assertThat(diff).containsExactly(new SpecDiff.Change("env.EPOCHS", "removed", "3", null),
                new SpecDiff.Change("env.SEED", "added", null, "7"));
    }
}
