package dev.observatory.bench.artifact;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.artifact.Checkpoints;
import dev.observatory.core.artifact.Lineage;
import dev.observatory.core.artifact.LineageGraph;
import dev.observatory.model.NewRun;
import dev.observatory.model.Page;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.EntityKind;
import dev.observatory.model.artifact.EntityRef;
import dev.observatory.store.jdbc.DuckDbStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bars of issue 4 on DuckDB, through the core services the MCP tools call: {@code list_checkpoints} of a run with
 * 10,000 checkpoints <= 50 ms ({@link Checkpoints#list}, first page of 50 by step, and the tool's largest page, 200,
 * newest first) and {@code get_lineage} depth 3 on a graph of 100,000 entities <= 20 ms ({@link Lineage#graph} with the
 * tool's default limit of 100 nodes, asked as 101, and its largest, 500).
 * <p>
 * The graph: 1,000 jobs launching 10 runs each (10,000 runs), 8 checkpoints per run (80,000 artifacts), 100 data sets
 * used by 100 runs each, a model version promoted from every 8th run's last checkpoint (1,250) and deployed (1,250
 * deployments), 6,400 traces served by the deployments: 100,000 entities, 108,900 edges. The root is run 0 (a real
 * run): its job and 9 sibling runs, its data set and the data set's 99 other runs, its checkpoints, model version and
 * deployment are within 3 edges. The rows are written with set-based SQL straight into the migrated DuckDB file (the
 * store has no bulk path for edges), which is the same table and indexes the store reads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "--enable-native-access=ALL-UNNAMED", "-Xms512m", "-Xmx2g" })
public class ArtifactQueryBench {
    static final int CHECKPOINTS = 10_000;
    static final Actor BENCH = Actor.anonymous("bench");
    static final long T0_MS = 1_767_225_600_000L;

    private Path dir;
    private DuckDbStorage store;
    private Auditor auditor;
    private Checkpoints checkpoints;
    private Lineage lineage;
    private String checkpointRun;
    private EntityRef lineageRoot;

    @Setup(Level.Trial)
    public void load() throws Exception {
        dir = Files.createTempDirectory("observatory-artifact-bench-");
        Path file = dir.resolve("observatory.duckdb");
        String rootRun;
        try (DuckDbStorage s = DuckDbStorage.open(file)) {
            Auditor a = new Auditor(s.audit(), Clock.systemUTC());
            Tracking t = new Tracking(s, Clock.systemUTC(), false, a);
            t.createProject(BENCH, "bench", "artifact benchmark");
            checkpointRun = t.createRun(BENCH, NewRun.of("bench", "10k-checkpoints")).id();
            rootRun = t.createRun(BENCH, NewRun.of("bench", "lineage-root")).id();
            a.close();
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement st = c.createStatement()) {
            writeCheckpoints(st, checkpointRun);
            writeGraph(st, rootRun);
        }
        store = DuckDbStorage.open(file);
        auditor = new Auditor(store.audit(), Clock.systemUTC());
        Tracking tracking = new Tracking(store, Clock.systemUTC(), false, auditor);
        checkpoints = new Checkpoints(tracking);
        lineage = new Lineage(tracking);
        lineageRoot = EntityRef.of(EntityKind.RUN, rootRun);
        check();
    }

    /** The run's 10,000 checkpoints, and 8 for each of the graph's other 9,999 runs so the index holds ~90,000. */
    static void writeCheckpoints(Statement st, String runId) throws SQLException {
        String columns = "INSERT INTO artifacts (id, run_id, project, path, size_bytes, sha256, content_type, kind, "
                + "step, epoch, metadata_json, created_ms, blob_key) ";
        st.execute(columns + "SELECT printf('c%015d', i), '" + runId + "', 'bench', printf('checkpoints/step_%09d.pt', "
                + "i * 100), 500000000 + i, repeat('ab', 32), 'application/octet-stream', 'checkpoint', i * 100, "
                + "i // 1000, '{\"format\":\"pytorch\"}', " + T0_MS + " + i * 60000, printf('runs/" + runId
                + "/checkpoints/step_%09d.pt', i * 100) FROM range(" + CHECKPOINTS + ") t(i)");
        st.execute(
                columns + "SELECT printf('a%06d', i), printf('r%06d', i // 8), 'bench', printf('step_%06d.pt', i % 8),"
                        + " 1000 + i, NULL, 'application/octet-stream', 'checkpoint', (i % 8) * 1000, NULL, '{}', "
                        + T0_MS + " + i, printf('r%06d/step_%06d.pt', i // 8, i % 8) FROM range(8, 80000) t(i)");
    }

    /** The 100,000-entity graph described on the class; run 0 of the graph is {@code rootRun}. */
    static void writeGraph(Statement st, String rootRun) throws SQLException {
        String run = "CASE WHEN %1$s = 0 THEN 'run/" + rootRun + "' ELSE printf('run/r%%06d', %1$s) END";
        String insert = "INSERT INTO lineage_edges (from_ref, relation, to_ref, created_ms, source) SELECT ";
        String tail = ", " + T0_MS + " + i, 'ingest' FROM range(%d) t(i)";
        st.execute(insert + "printf('job/j%04d', i // 10), 'launched', " + run.formatted("i") + tail.formatted(10_000));
        st.execute(insert + run.formatted("(i // 8)") + ", 'produced', printf('artifact/a%06d', i)"
                + tail.formatted(80_000));
        st.execute(
                insert + "printf('dataset/d%03d', i % 100), 'used_by', " + run.formatted("i") + tail.formatted(10_000));
        st.execute(insert + "printf('artifact/a%06d', i * 64 + 7), 'promoted_to', printf('model_version/v%05d', i)"
                + tail.formatted(1_250));
        st.execute(insert + "printf('model_version/v%05d', i), 'deployed_as', printf('deployment/d%05d', i)"
                + tail.formatted(1_250));
        st.execute(insert + "printf('deployment/d%05d', i % 1250), 'served', printf('trace/t%05d', i)"
                + tail.formatted(6_400));
    }

    /** Fails the trial when the data is not what the bars describe. */
    private void check() {
        if (listFirstPage().items().size() != 50 || listNewest200().items().size() != 200) {
            throw new IllegalStateException("expected 10,000 checkpoints of run " + checkpointRun);
        }
        LineageGraph g = lineage.graph(lineageRoot, 3, Lineage.MAX_NODES);
        if (g.nodes().size() < 500) {
            throw new IllegalStateException("the lineage root reaches only " + g.nodes().size() + " nodes");
        }
    }

    @Benchmark
    public Page<Artifact> listFirstPage() {
        return checkpoints.list(checkpointRun, null, null, false, 50, null);
    }

    @Benchmark
    public Page<Artifact> listNewest200() {
        return checkpoints.list(checkpointRun, null, null, true, 200, null);
    }

    @Benchmark
    public LineageGraph lineageDepth3Limit100() {
        return lineage.graph(lineageRoot, 3, 101);
    }

    @Benchmark
    public LineageGraph lineageDepth3Limit500() {
        return lineage.graph(lineageRoot, 3, 501);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        auditor.close();
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
