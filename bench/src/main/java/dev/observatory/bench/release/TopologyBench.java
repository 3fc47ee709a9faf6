package dev.observatory.bench.release;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.registry.Registry;
import dev.observatory.core.release.ReleaseSettings;
import dev.observatory.core.release.Releases;
import dev.observatory.core.release.Topology;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.store.memory.InMemoryStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bar of issue 7: {@code get_machine_topology} over 200 machines and 2,000 deployments <= 50 ms. A real Git repository
 * (JGit) of 200 release config files, 10 deployments each on 16-GPU machines, every model version in an in-memory
 * registry (20 models x 5 versions) so each call also checks the versions. {@code cached}: the branch head is
 * unchanged, the parsed repository comes from the commit-id cache (the usual call). {@code cold}: a fresh repository
 * handle each call (open, read 200 blobs, parse YAML, build the topology). {@code newCommit}: one file changed and
 * committed before each call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms256m", "-Xmx1g" })
public class TopologyBench {
    static final int MODELS = 20;
    static final int VERSIONS = 5;

    @Param({ "200" })
    public int machines;

    @Param({ "10" })
    public int deploymentsPerMachine;

    private Path dir;
    private InMemoryStorage store;
    private Auditor auditor;
    private Tracking tracking;
    private ReleaseSettings settings;
    private int changes;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("topology-bench");
        Clock clock = Clock.systemUTC();
        store = new InMemoryStorage(clock);
        auditor = new Auditor(store.audit(), clock);
        tracking = new Tracking(store, clock, false, auditor);
        Registry registry = new Registry(tracking);
        Actor a = Actor.anonymous("bench");
        for (int m = 0; m < MODELS; m++) {
            registry.createModel(a, NewModel.named("model-" + m));
            for (int v = 0; v < VERSIONS; v++) {
                registry.createVersion(a, NewModelVersion.of("model-" + m, "s3://models/" + m + "/" + v, null));
            }
        }
        Path repo = dir.resolve("releases");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(repo.resolve("machines"));
            for (int i = 0; i < machines; i++) {
                Files.writeString(repo.resolve("machines/gpu-worker-" + i + ".yaml"), machine(i));
            }
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("bench", "bench@localhost");
            git.commit().setMessage("topology").setAuthor(who).setCommitter(who).call();
        }
        settings = ReleaseSettings.local(repo, false);
        Releases.configure(tracking, settings);
        Topology t = new Releases(tracking).topology(null);
        if (t.deploymentCount() != machines * deploymentsPerMachine || !t.conflicts().isEmpty()) {
            throw new IllegalStateException("unexpected topology: " + t.deploymentCount() + " deployments, "
                    + t.conflicts().size() + " conflicts");
        }
    }

    private String machine(int i) {
        StringBuilder b = new StringBuilder("machine: gpu-worker-" + i + "\ngpus: 16\ngpu_type: H100\ndeployments:\n");
        for (int d = 0; d < deploymentsPerMachine; d++) {
            int model = (i + d) % MODELS;
            b.append("  - name: svc-").append(d).append("\n    model: model-").append(model).append("\n    version: ")
                    .append(1 + (i * 7 + d) % VERSIONS).append("\n    template: vllm\n").append("    port: ")
                    .append(8000 + d).append("\n    gpus: [").append(d).append("]\n");
        }
        return b.toString();
    }

    @Benchmark
    public Topology cached() {
        return new Releases(tracking).topology(null);
    }

    /**
     * {@code newCommit}: before each call (not timed) one machine's file is changed and committed, as a merged pull
     * request does; the call reads the new commit, re-parses the changed file and builds the topology.
     */
    @Setup(Level.Invocation)
    public void commitOneChange(org.openjdk.jmh.infra.BenchmarkParams params) throws Exception {
        if (!params.getBenchmark().endsWith("newCommit")) {
            return;
        }
        int i = changes++ % machines;
        Path repo = dir.resolve("releases");
        Files.writeString(repo.resolve("machines/gpu-worker-" + i + ".yaml"),
                machine(i).replace("gpus: 16", changes % 2 == 0 ? "gpus: 16" : "gpus: 32"));
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("bench", "bench@localhost");
            git.commit().setMessage("change " + changes).setAuthor(who).setCommitter(who).call();
        }
    }

    @Benchmark
    public Topology newCommit() {
        return new Releases(tracking).topology(null);
    }

    @Benchmark
    public Topology cold() {
        Releases.configure(tracking, settings);
        return new Releases(tracking).topology(null);
    }

    @TearDown
    public void tearDown() throws IOException {
        Releases.configure(tracking, null);
        auditor.close();
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
