package dev.observatory.bench.deploy;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.benchmark.BenchmarkProgress;
import dev.observatory.core.benchmark.BenchmarkRequest;
import dev.observatory.core.benchmark.Benchmarks;
import dev.observatory.core.deploy.DeployProgress;
import dev.observatory.core.deploy.DeployRequest;
import dev.observatory.core.deploy.DeploymentRunner;
import dev.observatory.core.deploy.DeploymentSettings;
import dev.observatory.core.deploy.Deployments;
import dev.observatory.core.deploy.HealthResult;
import dev.observatory.core.registry.Registry;
import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.benchmark.BenchmarkLevel;
import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.store.memory.InMemoryStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deployment timings with the process runtime (issue 7): deploy the committed tiny model server (a JDK source-file
 * program, so "deploy" includes compiling it) until healthy, probe its health URL, benchmark it, stop it. Arguments:
 * the path of tiny-model-server/Server.java, then rounds (default 3) and probes (default 500).
 */
public final class DeploymentTimings {
    private DeploymentTimings() {
    }

    public static void main(String[] args) throws Exception {
        Path server = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int probes = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Clock clock = Clock.systemUTC();
        Path dir = Files.createTempDirectory("deploy-bench");
        Actor actor = Actor.anonymous("bench");
        try (InMemoryStorage store = new InMemoryStorage(clock)) {
            Auditor auditor = new Auditor(store.audit(), clock);
            Tracking tracking = new Tracking(store, clock, false, auditor);
            new Registry(tracking).createModel(actor, new NewModel("tiny", null, Map.of(), null));
            new Registry(tracking).createVersion(actor, NewModelVersion.of("tiny", "/models/tiny", null));
            DeploymentRunner runner = Deployments
                    .configure(tracking, new DeploymentSettings(dir.resolve("work"), dir.resolve("logs"),
                            Duration.ofSeconds(120), Duration.ofMillis(50), Duration.ofSeconds(5), 1 << 20, 1))
                    .start();
            Deployments deployments = new Deployments(tracking);
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", server.toString(), "--port",
                    "{port}", "--model", "{model}");
            System.out.println("round  deploy->healthy ms  health p50 ms  p99 ms  bench req/s (c=4)  stop ms");
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                Deployment d = deployments.deploy(actor, new DeployRequest(null, "tiny", "1", null, null, null, command,
                        null, Map.of(), null, Duration.ofSeconds(120)), DeployProgress.NONE);
                double deployMs = (System.nanoTime() - t0) / 1e6;
                double[] lat = new double[probes];
                for (int i = 0; i < probes; i++) {
                    HealthResult h = deployments.health(d.id(), Duration.ofSeconds(2));
                    lat[i] = h.latencyMs();
                }
                Arrays.sort(lat);
                Benchmark b = new Benchmarks(tracking).run(
                        actor, new BenchmarkRequest(d.endpoint(), null, null, null, List.of("hello world"), 8,
                                List.of(4), Duration.ofSeconds(3), null, null, "tiny", "1", d.id()),
                        BenchmarkProgress.NONE);
                BenchmarkLevel l = b.levels().get(0);
                long t1 = System.nanoTime();
                deployments.stop(actor, d.id());
                double stopMs = (System.nanoTime() - t1) / 1e6;
                System.out.println(String.format(Locale.ROOT, "%5d  %18.0f  %13.2f  %6.2f  %17.0f  %7.0f", r, deployMs,
                        lat[probes / 2], lat[(int) (probes * 0.99)], l.throughputRps(), stopMs));
            }
            runner.stopAll("bench end");
            runner.close();
            auditor.close();
        }
        System.out.println(new ArrayList<>(List.of(Runtime.getRuntime().availableProcessors() + " CPUs")));
    }
}
