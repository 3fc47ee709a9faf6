package dev.observatory.mcp.job;

import dev.observatory.core.job.Jobs;
import dev.observatory.mcp.tool.Args;
import dev.observatory.mcp.tool.Param;
import dev.observatory.model.job.GuardrailRule;
import dev.observatory.model.job.GuardrailSpec;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobResources;
import dev.observatory.model.job.JobSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Arguments shared by the job tools, and turning them into a spec. */
final class JobArgs {
    static final String JOBS = "jobs";

    private JobArgs() {
    }

    static Param jobId() {
        return Param.string("job_id", "Job id (list_jobs shows them).").required().between(1, 100)
                .example("\"7919636b5c75408a\"");
    }

    /** The arguments that describe what to run and how it is guarded (start_job, run_with_guardrails). */
    static List<Param> startParams() {
        GuardrailSpec d = GuardrailSpec.defaults();
        return List.of(
                Param.strings("argv",
                        "Program and its arguments, e.g. [\"python3\", \"train.py\", \"--lr\","
                                + " \"3e-4\"]. Run directly, never through a shell unless shell=true.")
                        .required().example("[\"python3\", \"train.py\", \"--epochs\", \"3\"]"),
                Param.string("working_dir", "Absolute working directory; must lie under the server's job_roots.")
                        .required().between(1, 4096).example("\"/data/observatory/jobs/resnet\""),
                Param.string("project", "Project of the new run that receives the job's metrics (unless run_id).")
                        .between(1, 100).example("\"vision\""),
                Param.string("run_id", "Existing run to receive the metrics instead of a new one.").between(1, 100)
                        .example("\"3f9a1c2b7d4e5f60\""),
                Param.string("name", "Job (and run) name; default: the program's file name.").between(1, 200)
                        .example("\"resnet-lr3e-4\""),
                Param.scalarMap("env",
                        "Environment variables added for the job; values of names containing KEY,"
                                + " TOKEN, SECRET, PASSWORD, ... are redacted in every output and log line.")
                        .example("{\"CUDA_VISIBLE_DEVICES\": \"0\"}"),
                Param.bool("shell",
                        "Run argv joined with spaces through /bin/sh -c (only when you need pipes or" + " globbing).")
                        .defaultsTo(false),
                Param.integer("target_steps", "Step the job finishes at, for progress and projected cost.")
                        .between(1, Long.MAX_VALUE).example("10000"),
                Param.scalarMap("params", "Hyper-parameters recorded on the run.").example("{\"lr\": \"3e-4\"}"),
                Param.integer("gpus", "GPUs used (cost estimates).").between(0, 1024).defaultsTo(0),
                Param.string("gpu_type", "GPU model as in the price table: h100, a100, l4, ...").between(1, 50)
                        .example("\"h100\""),
                Param.number("cpus", "CPU cores used (cost estimates).").between(0, 4096).defaultsTo(1.0),
                Param.number("memory_gb", "Memory used in GB (cost estimates).").between(0, 1_000_000).defaultsTo(1.0),
                Param.bool("stop_on_nan", "Stop when a watched metric is NaN or infinite.").defaultsTo(true),
                Param.strings("watch_metrics",
                        "Metrics checked for NaN/Inf; default: every metric whose name" + " contains 'loss'.")
                        .example("[\"loss\", \"eval_loss\"]"),
                Param.integer("oom_threshold",
                        "Stop after this many out-of-memory signatures (CUDA OOM, Killed,"
                                + " OutOfMemoryError); 0 disables.")
                        .between(0, 1000).defaultsTo(d.oomThreshold()),
                Param.integer("stall_seconds", "Stop when no new step is logged for this long; 0 disables.")
                        .between(0, 604_800).defaultsTo(d.stallSeconds()),
                Param.number("divergence_factor",
                        "Stop when divergence_metric exceeds this factor times its running" + " minimum; 0 disables.")
                        .between(0, 1e9).defaultsTo(d.divergenceFactor()),
                Param.string("divergence_metric", "Metric watched for divergence.").between(1, 250).defaultsTo("loss"),
                Param.strings("rules", "User rules '<metric> <op> <value> for <N> steps', op one of > >= < <= == !=.")
                        .example("[\"grad_norm > 100 for 5 steps\"]"),
                Param.bool("stop_on_trigger",
                        "Stop the job when a guardrail fires (false: only record and" + " alert).").defaultsTo(true),
                Param.integer("checkpoint_signal_ms",
                        "When > 0, send SIGUSR1 first (the program may save a final"
                                + " checkpoint) and SIGTERM this many ms later.")
                        .between(0, 600_000).defaultsTo(0),
                Param.string("config",
                        "Stored training config the job runs with (list_configs shows them): it must pass"
                                + " validate_training_config, else nothing is started; the job records the version"
                                + " and gets OBSERVATORY_CONFIG_NAME / OBSERVATORY_CONFIG_VERSION in its environment.")
                        .between(1, 100).example("\"lora-base\""),
                Param.integer("config_version", "Version of config to run with; default: its latest.")
                        .between(1, Integer.MAX_VALUE).example("2"));
    }

    static Jobs.StartRequest startRequest(Args a) {
        List<GuardrailRule> rules = new ArrayList<>();
        a.strings("rules").forEach(r -> rules.add(GuardrailRule.parse(r)));
        GuardrailSpec g = new GuardrailSpec(a.strings("watch_metrics"), a.bool("stop_on_nan"),
                a.intValue("oom_threshold"), a.longValue("stall_seconds"), a.number("divergence_factor"),
                a.string("divergence_metric"), GuardrailSpec.defaults().divergenceWarmup(), rules,
                a.bool("stop_on_trigger"), a.longValue("checkpoint_signal_ms"));
        JobSpec spec = new JobSpec(a.strings("argv"), a.string("working_dir"), a.scalarMap("env"), "local",
                new JobResources(a.intValue("gpus"), a.string("gpu_type"), a.number("cpus"), a.number("memory_gb")),
                a.bool("shell"), a.longValue("target_steps"), a.scalarMap("params"), g);
        Long version = a.longValue("config_version");
        if (version != null && a.string("config") == null) {
            throw new IllegalArgumentException("config_version needs config (the name of the stored training config)");
        }
        return new Jobs.StartRequest(a.string("project"), a.string("run_id"), a.string("name"), spec,
                a.string("config"), version == null ? null : Math.toIntExact(version));
    }

    /** Polls until the job ends or the window passes; returns the job as last seen. */
    static Job awaitEndOrWindow(Jobs jobs, String id, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        Job j = jobs.get(id);
        while (!j.status().terminal() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            j = jobs.get(id);
        }
        return j;
    }
}
