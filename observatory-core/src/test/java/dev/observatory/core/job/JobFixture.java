package dev.observatory.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.model.job.GuardrailRule;
import dev.observatory.model.job.GuardrailSpec;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobResources;
import dev.observatory.model.job.JobSpec;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real jobs in tests: the small training programs under test resources /jobs run as Java single-file programs with the
 * JDK running the tests, in working directories under a temporary job root; short stall and grace periods.
 */
final class JobFixture implements AutoCloseable {
    static final Actor ALICE = new Actor("alice", "test");
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    final InMemoryStorage store = new InMemoryStorage();
    final Tracking tracking;
    final JobSettings settings;
    final JobRunner runner;
    final Jobs jobs;
    final Path root;

    JobFixture(Path tmp, int maxConcurrent) {
        this(tmp, maxConcurrent, false);
    }

    JobFixture(Path tmp, int maxConcurrent, boolean readOnly) {
        this(tmp, maxConcurrent, readOnly, CheckpointScan.defaults());
    }

    JobFixture(Path tmp, int maxConcurrent, boolean readOnly, CheckpointScan checkpoints) {
        this.tracking = new Tracking(store, Clock.systemUTC(), readOnly, new Auditor(store.audit(), Clock.systemUTC()));
        this.root = tmp.resolve("jobs");
        this.settings = new JobSettings(List.of(root), tmp.resolve("job-logs"), maxConcurrent, Duration.ofMillis(1000),
                1 << 20, 2, Duration.ofMillis(200), Duration.ofMillis(50), PriceTable.defaults(), checkpoints);
        this.runner = Jobs.configure(tracking, settings).start();
        this.jobs = new Jobs(tracking);
        store.projects().getOrCreate("vision");
    }

    /** Guardrails every test program runs under: NaN, OOM, a 2 s stall, 10x divergence. */
    static GuardrailSpec guardrails() {
        return new GuardrailSpec(List.of(), true, 1, 2, 10, "loss", 20,
                List.of(GuardrailRule.parse("loss > 1000 for 3 steps")), true, 0);
    }

    Path workDir(String name) {
        try {
            return Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path program(String name) {
        try {
            return Path.of(JobFixture.class.getResource("/jobs/" + name + ".java").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> argv(String program, String... args) {
        List<String> argv = new ArrayList<>(
                List.of(JAVA, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", program(program).toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    JobSpec spec(String program, Map<String, String> env, GuardrailSpec guardrails, String... args) {
        return new JobSpec(argv(program, args), workDir(program).toString(), env, "local",
                new JobResources(1, "h100", 2, 4), false, 400L, Map.of("lr", "0.001"), guardrails);
    }

    Job start(String program, GuardrailSpec guardrails, String... args) {
        return jobs.start(ALICE, new Jobs.StartRequest("vision", null, program.toLowerCase(),
                spec(program, Map.of("HF_TOKEN", "hf_abcdefSECRET123", "EPOCHS", "1"), guardrails, args)));
    }

    /** Waits until the job has ended (at most 60 s) and returns it. */
    Job awaitEnd(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Job j = jobs.get(id);
            if (j.status().terminal()) {
                return j;
            }
            sleep(50);
        }
        throw new AssertionError("job " + id + " did not end: " + jobs.get(id));
    }

    /** Waits until the job has printed at least n lines. */
    void awaitLines(String id, long n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (jobs.live(id).map(v -> v.lines() >= n).orElse(false)) {
                return;
            }
            assertThat(jobs.get(id).status().terminal()).as("job ended early").isFalse();
            sleep(50);
        }
        throw new AssertionError("job " + id + " printed fewer than " + n + " lines");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        runner.stopAll("test end", 5_000);
        runner.close();
        store.close();
    }
}
