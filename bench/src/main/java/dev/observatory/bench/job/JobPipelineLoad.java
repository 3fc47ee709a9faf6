package dev.observatory.bench.job;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.job.JobRunner;
import dev.observatory.core.job.JobSettings;
import dev.observatory.core.job.Jobs;
import dev.observatory.core.job.PriceTable;
import dev.observatory.model.job.GuardrailSpec;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobResources;
import dev.observatory.model.job.JobSpec;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.jdbc.DuckDbStorage;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 6 bars end to end, with a real process: a job prints N {@code step i loss x lr y} lines as fast as the job
 * runner takes them (capture, redaction, parsing, guardrails, rotated log, metric batches written to the store), then a
 * NaN loss line. The child measures both numbers with its own clock: lines per second (its writes block when the runner
 * falls behind, so this is the runner's rate) and the time from writing the NaN line to receiving SIGTERM. Bars: >=
 * 200,000 lines/s and <= 500 ms.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.observatory.bench.job.JobPipelineLoad [lines=1000000] [repeats=5] [memory|duckdb]
 * </pre>
 */
public final class JobPipelineLoad {
    private JobPipelineLoad() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String backend = args.length > 2 ? args[2] : "duckdb";
        Path tmp = Files.createTempDirectory("job-load");
        Path program = tmp.resolve("NanFlood.java");
        try (InputStream in = JobPipelineLoad.class.getResourceAsStream("/jobs/NanFlood.java")) {
            Files.write(program, in.readAllBytes());
        }
        StorageComponent store = backend.equals("memory") ? new InMemoryStorage()
                : DuckDbStorage.open(tmp.resolve("db").resolve("observatory.duckdb"));
        Tracking tracking = new Tracking(store, Clock.systemUTC(), false,
                new Auditor(store.audit(), Clock.systemUTC()));
        Path root = Files.createDirectories(tmp.resolve("jobs"));
        JobRunner runner = Jobs
                .configure(tracking, new JobSettings(List.of(root), tmp.resolve("logs"), 2, Duration.ofSeconds(5),
                        64L << 20, 1, Duration.ofSeconds(10), Duration.ofMillis(250), PriceTable.defaults()))
                .start();
        store.projects().getOrCreate("load");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<double[]> results = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            Path result = tmp.resolve("result-" + r + ".txt");
            JobSpec spec = new JobSpec(
                    List.of(java, "-Xmx256m", program.toString(), String.valueOf(lines), result.toString()),
                    root.toString(), Map.of("HF_TOKEN", "hf_notreallysecret"), "local", JobResources.minimal(), false,
                    null, Map.of(), GuardrailSpec.defaults());
            Job job = new Jobs(tracking).start(new Actor("load", "bench"),
                    new Jobs.StartRequest("load", null, "flood-" + r, spec));
            Job ended = awaitEnd(tracking, job.id());
            String[] f = Files.readString(result).trim().split(" ");
            double[] row = { Double.parseDouble(f[0]), Double.parseDouble(f[1]) };
            results.add(row);
            System.out.printf(Locale.ROOT, "run %d: %,.0f lines/s, NaN line -> SIGTERM %.1f ms, status %s (%s)%n",
                    r + 1, row[0], row[1], ended.status().wire(),
                    ended.guardrail() == null ? "-" : ended.guardrail().guardrail());
        }
        double[] rates = results.stream().mapToDouble(x -> x[0]).sorted().toArray();
        double[] reactions = results.stream().mapToDouble(x -> x[1]).sorted().toArray();
        System.out.printf(Locale.ROOT,
                "%s, %d lines x %d runs: lines/s min %,.0f median %,.0f;" + " reaction ms median %.1f max %.1f%n",
                backend, lines, repeats, rates[0], rates[rates.length / 2], reactions[reactions.length / 2],
                reactions[reactions.length - 1]);
        runner.close();
        store.close();
    }

    private static Job awaitEnd(Tracking tracking, String id) throws InterruptedException {
        while (true) {
            Job j = tracking.store().jobs().get(id).orElseThrow();
            if (j.status().terminal()) {
                return j;
            }
            Thread.sleep(50);
        }
    }
}
