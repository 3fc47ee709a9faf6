package dev.observatory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.dataset.TrainingConfigs;
import dev.observatory.core.job.JobRunner;
import dev.observatory.core.job.JobSettings;
import dev.observatory.core.job.Jobs;
import dev.observatory.core.job.PriceTable;
import dev.observatory.core.job.ResourceSampler;
import dev.observatory.core.telemetry.Meters;
import dev.observatory.model.dataset.NewTrainingConfig;
import dev.observatory.store.memory.InMemoryStorage;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs toolset over real (shell-script) processes: start, watch, guardrails, stop, analyses, read-only. */
class JobToolsTest {
    static final Actor ACTOR = new Actor("test", "mcp");
    static final Set<String> TOOLSETS = Set.of("jobs");

    @TempDir
    Path tmp;
    InMemoryStorage store;
    Tracking tracking;
    JobRunner runner;
    ToolRegistry tools;
    Path work;

    @BeforeEach
    void open() throws Exception {
        store = new InMemoryStorage();
        tracking = new Tracking(store, Clock.systemUTC(), false, new Auditor(store.audit(), Clock.systemUTC()));
        runner = Jobs.configure(tracking,
                new JobSettings(List.of(tmp.resolve("jobs")), tmp.resolve("logs"), 4, Duration.ofMillis(500), 1 << 20,
                        1, Duration.ofMillis(100), Duration.ofMillis(50), PriceTable.parse("h100=3.0,cpu=0.5")))
                .start();
        tools = new ToolRegistry(tracking, new Meters(),
                new McpSettings(TOOLSETS, McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));
        work = Files.createDirectories(tmp.resolve("jobs").resolve("w"));
    }

    @AfterEach
    void close() {
        runner.stopAll("test end", 3000);
        runner.close();
        store.close();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> ok(String tool, Map<String, Object> args) {
        ToolOutcome o = tools.invoke(tool, args, ACTOR, Set.of("jobs", "core"));
        assertThat(o.ok()).as("%s failed: %s", tool, o.errorMessage()).isTrue();
        var check = McpJsonDefaults.getSchemaValidator().validate(tools.find(tool).orElseThrow().outputSchema(),
                o.data());
        assertThat(check.valid()).as("%s output does not match its schema: %s", tool, check.errorMessage()).isTrue();
        return (Map<String, Object>) o.data();
    }

    Map<String, Object> startArgs(String script, Map<String, Object> extra) {
        Map<String, Object> a = new HashMap<>(Map.of("argv", List.of("/bin/sh", "-c", script), "working_dir",
                work.toString(), "project", "vision", "env", Map.of("API_KEY", "sk-verysecret", "EPOCHS", "2"), "gpus",
                1, "gpu_type", "h100", "target_steps", 100));
        a.putAll(extra);
        return a;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> job(Map<String, Object> answer) {
        return (Map<String, Object>) answer.get("job");
    }

    @Test
    @SuppressWarnings("unchecked")
    void startsAJobWatchesItToTheEndAndShowsItWithSecretsRedacted() {
        Map<String, Object> started = ok("start_job",
                startArgs(
                        "for i in 1 2 3 4 5; do echo \"step $i loss 0.$((9 - i))\"; done; echo \"run $MLFLOW_RUN_ID\";"
                                + " echo \"key $API_KEY\"",
                        Map.of()));
        String id = (String) job(started).get("job_id");
        assertThat(((Map<String, Object>) ((Map<String, Object>) started.get("spec")).get("env")))
                .containsEntry("API_KEY", "***").containsEntry("EPOCHS", "2");

        Map<String, Object> watched = ok("watch_job", Map.of("job_id", id, "wait_seconds", 30));
        assertThat(watched.get("ended")).isEqualTo(true);
        assertThat(job(watched).get("status")).isEqualTo("succeeded");
        assertThat((List<String>) watched.get("log_tail")).last().isEqualTo("key ***");

        Map<String, Object> status = ok("get_job_status", Map.of("job_id", id));
        assertThat(((List<Map<String, Object>>) status.get("events"))).extracting(e -> e.get("kind"))
                .containsSequence("started", "ended");
        String runId = (String) job(status).get("run_id");
        assertThat(ok("get_job_logs", Map.of("job_id", id, "grep", "^run")).get("lines"))
                .isEqualTo(List.of("run " + runId));
        assertThat(tracking.metricSummary(runId, "loss").count()).isEqualTo(5);
        assertThat(ok("get_job_logs", Map.of("job_id", id, "grep", "step [45]")).get("lines"))
                .isEqualTo(List.of("step 4 loss 0.5", "step 5 loss 0.4"));
        assertThat(ok("list_jobs", Map.of()).get("total")).isEqualTo(1L);
    }

    @Test
    void runWithGuardrailsReportsWhatFiredWithItsEvidence() {
        Map<String, Object> answer = ok("run_with_guardrails",
                startArgs("echo step 1 loss 0.5; echo step 2 loss nan; sleep 30", Map.of("monitor_seconds", 30)));

        assertThat(answer.get("window")).isEqualTo("job_ended");
        assertThat(job(answer).get("status")).isEqualTo("guardrail_stopped");
        @SuppressWarnings("unchecked")
        Map<String, Object> fired = (Map<String, Object>) answer.get("fired");
        assertThat(fired.get("guardrail")).isEqualTo("nan");
        assertThat(fired.get("step")).isEqualTo(2L);
        assertThat(fired.get("lines")).isEqualTo(List.of("step 1 loss 0.5", "step 2 loss nan"));
        assertThat(fired).containsKey("signalled_at");
    }

    @Test
    @SuppressWarnings("unchecked")
    void stopsAJobAndAnalysesFailuresCostsAndConfigDifferences() {
        String sleeper = (String) job(ok("start_job", startArgs("echo step 1 loss 1; sleep 30", Map.of())))
                .get("job_id");
        Map<String, Object> oomArgs = startArgs(
                "echo 'RuntimeError: CUDA out of memory. Tried to allocate 2 GiB' >&2;" + " exit 1",
                Map.of("oom_threshold", 0, "params", Map.of("lr", "0.1")));
        String oom1 = (String) job(ok("start_job", oomArgs)).get("job_id");
        String oom2 = (String) job(ok("start_job", oomArgs)).get("job_id");
        ok("watch_job", Map.of("job_id", oom1, "wait_seconds", 30));
        ok("watch_job", Map.of("job_id", oom2, "wait_seconds", 30));
        assertThat(job(ok("get_job_status", Map.of("job_id", oom1))).get("failure")).isEqualTo("oom");

        Map<String, Object> stop = ok("stop_job", Map.of("job_id", sleeper));
        assertThat(stop.get("stopping")).isEqualTo(true);
        assertThat(job(ok("watch_job", Map.of("job_id", sleeper, "wait_seconds", 30))).get("status"))
                .isEqualTo("stopped");

        Map<String, Object> failures = ok("analyze_job_failures", Map.of());
        assertThat(failures.get("failed")).isEqualTo(2);
        assertThat((Map<String, Object>) failures.get("by_class")).containsEntry("oom", 2);
        Map<String, Object> cluster = ((List<Map<String, Object>>) failures.get("clusters")).get(0);
        assertThat(cluster.get("signature")).isEqualTo("RuntimeError: CUDA out of memory. Tried to allocate <n> GiB");
        assertThat(cluster.get("count")).isEqualTo(2);
        assertThat((List<String>) cluster.get("job_ids")).containsExactlyInAnyOrder(oom1, oom2);

        Map<String, Object> perf = ok("analyze_job_performance", Map.of());
        assertThat(perf.get("success_rate")).isEqualTo(0.0);
        assertThat(perf.get("health")).isEqualTo("failing");

        Map<String, Object> cost = ((List<Map<String, Object>>) ok("get_job_cost_estimates",
                Map.of("job_ids", List.of(oom1))).get("estimates")).get(0);
        assertThat(cost.get("hourly_usd")).isEqualTo(3.0 + 0.5 + 0.005);

        Map<String, Object> diff = ok("compare_job_configs", Map.of("job_a", sleeper, "job_b", oom1));
        assertThat((List<Map<String, Object>>) diff.get("differences")).extracting(d -> d.get("path"))
                .contains("argv[2]", "params.lr", "guardrails.oom_threshold").doesNotContain("env.API_KEY");
    }

    @Test
    void reportsTheMachineAndAJobsResourcesWithGpusAbsentWhenNvidiaSmiIs() {
        String id = (String) job(ok("start_job", startArgs("echo step 1 loss 1; sleep 2", Map.of()))).get("job_id");
        Map<String, Object> system = ok("get_system_stats", Map.of());
        assertThat(system.get("gpu")).isEqualTo(ResourceSampler.gpusPresent() ? "present" : "absent");
        assertThat(system.get("jobs_running")).isEqualTo(1);
        assertThat((Integer) system.get("cpus")).isPositive();

        JobFixtureWait.until(() -> !runner.toString().isEmpty() && tracking.store().metrics()
                .summaries(String.valueOf(job(ok("get_job_status", Map.of("job_id", id))).get("run_id"))).stream()
                .anyMatch(s -> s.key().equals("sys/rss_mb")));
        Map<String, Object> use = ok("get_resource_utilization", Map.of("job_id", id));
        assertThat(use.get("gpu")).isEqualTo(ResourceSampler.gpusPresent() ? "present" : "absent");
        assertThat(use.toString()).contains("sys/rss_mb");
    }

    @Test
    void refusesToStartOrStopJobsInReadOnlyMode() {
        Tracking readOnly = new Tracking(store, Clock.systemUTC(), true, new Auditor(store.audit(), Clock.systemUTC()));
        ToolRegistry ro = new ToolRegistry(readOnly, new Meters(),
                new McpSettings(TOOLSETS, McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));
        ToolOutcome start = ro.invoke("start_job", startArgs("true", Map.of()), ACTOR, TOOLSETS);
        assertThat(start.errorCode()).isEqualTo(ToolOutcome.READ_ONLY);
        ToolOutcome stop = ro.invoke("stop_job", Map.of("job_id", "0123456789abcdef"), ACTOR, TOOLSETS);
        assertThat(stop.errorCode()).isEqualTo(ToolOutcome.READ_ONLY);
        assertThat(tools.find("start_job").orElseThrow().hints().readOnly()).isFalse();
        assertThat(tools.find("stop_job").orElseThrow().hints().destructive()).isTrue();
    }

    @Test
    void refusesAWorkingDirectoryOutsideTheRoots() {
        ToolOutcome o = tools.invoke("start_job", startArgs("true", Map.of("working_dir", tmp.toString())), ACTOR,
                TOOLSETS);
        assertThat(o.errorCode()).isEqualTo(ToolOutcome.INVALID_ARGUMENTS);
        assertThat(o.errorMessage()).contains("outside the job roots");
    }

    @Test
    void startsOnlyWithATrainingConfigThatPassesValidationAndShowsTheVersionItRanWith() {
        TrainingConfigs configs = new TrainingConfigs(tracking);
        String valid = configs.template("classifier").yaml();
        configs.save(ACTOR, "cls", "classifier", valid, null);
        store.trainingConfigs().save(new NewTrainingConfig("cls", "classifier", "yaml",
                valid.replaceFirst("learning_rate: [^\\n]+", "learning_rate: -5"), null));

        ToolOutcome refused = tools.invoke("start_job", startArgs("touch spawned", Map.of("config", "cls")), ACTOR,
                TOOLSETS);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.errorCode()).isEqualTo(ToolOutcome.INVALID_ARGUMENTS);
        assertThat(refused.errorMessage()).contains("fails validation").contains("learning_rate");
        assertThat(store.jobs().count(dev.observatory.model.job.JobQuery.all(1))).isZero();
        assertThat(work.resolve("spawned")).doesNotExist();

        String id = (String) job(ok("start_job",
                startArgs("echo v=$OBSERVATORY_CONFIG_VERSION", Map.of("config", "cls", "config_version", 1))))
                        .get("job_id");
        Map<String, Object> status = ok("get_job_status", Map.of("job_id", id));
        assertThat(job(status)).containsEntry("config", "cls").containsEntry("config_version", 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void checkpointsAJobWritesAreListedByListCheckpoints() {
        String script = "mkdir tmp-checkpoint-5 && echo w > tmp-checkpoint-5/model.safetensors"
                + " && mv tmp-checkpoint-5 checkpoint-5 && echo x > step_7.pt && echo step 7 loss 0.1";
        String id = (String) job(ok("start_job", startArgs(script, Map.of()))).get("job_id");
        Map<String, Object> ended = ok("watch_job", Map.of("job_id", id, "wait_seconds", 30));
        assertThat(job(ended).get("status")).isEqualTo("succeeded");

        ToolRegistry withArtifacts = new ToolRegistry(tracking, new Meters(),
                new McpSettings(Set.of("jobs", "artifacts"), McpSettings.DEFAULT_BUDGET, "http://obs.test", "1.0"));
        ToolOutcome listed = withArtifacts.invoke("list_checkpoints", Map.of("run_id", job(ended).get("run_id")), ACTOR,
                Set.of("artifacts"));
        assertThat(listed.ok()).as(listed.errorMessage()).isTrue();
        List<Map<String, Object>> checkpoints = (List<Map<String, Object>>) ((Map<String, Object>) listed.data())
                .get("checkpoints");
        assertThat(checkpoints).extracting(c -> c.get("path")).containsExactly("checkpoint-5", "step_7.pt");
        assertThat(checkpoints).extracting(c -> c.get("step")).containsExactly(5L, 7L);
    }

    /** Polling helper. */
    static final class JobFixtureWait {
        static void until(java.util.function.BooleanSupplier condition) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime()).as("condition not met in 20 s").isLessThan(deadline);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
