package dev.observatory.store.jdbc;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.trace.Traces;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Function;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.TraceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where {@code get_trace} of the 1,000-span trace of {@code TraceQueryBench} spends its time, on the same data, with
 * the variants interleaved round by round so that a loaded machine slows them alike. Loads one database per
 * {@code checkpoint_threshold} (the spans of {@code TraceQueryBench}: 1 M synthetic spans from 4 threads, then the wide
 * trace), then measures core {@code Traces.getTrace} on each, alternating, median wall time and process CPU per call,
 * for three read paths: {@code new} (the store as it is), {@code old} (the skeleton read before decision 0038: text
 * columns as VARCHAR, {@code ORDER BY} in SQL, on its own connection) and {@code java} (the store's answer cached: the
 * core's tree, summary and critical path alone). Checks that old and new give equal views. With {@code sql} it also
 * prints {@code EXPLAIN ANALYZE} of the skeleton read and the CPU per call of raw statements. Usage:
 * {@code TraceReadProfile [spans] [thresholds,...] [rounds] [calls per round] [sql]}, e.g.
 * {@code TraceReadProfile 1000000 16MB,128MB 6 100}; round 0 is warm-up.
 */
public final class TraceReadProfile {
    private TraceReadProfile() {
    }

    record Db(String name, Path file, DuckDbStorage store, Auditor auditor, Traces traces) {
    }

    record Variant(String name, Traces traces) {
    }

    public static void main(String[] args) throws Exception {
        int spans = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<String> thresholds = List.of((args.length > 1 ? args[1] : "16MB,128MB").split(","));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int calls = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        boolean sql = args.length > 4 && args[4].equals("sql");
        Path dir = Files.createTempDirectory("observatory-trace-read-");
        List<Db> dbs = new ArrayList<>();
        String wide = null;
        Clock clock = Clock.fixed(Instant.ofEpochSecond(0, T0 + DAY), Clock.systemUTC().getZone());
        for (String t : thresholds) {
            System.setProperty(DuckDbSpanIngest.CHECKPOINT_THRESHOLD_PROPERTY, t);
            Path file = dir.resolve("t" + t + ".duckdb");
            DuckDbStorage store = DuckDbStorage.open(file);
            Auditor auditor = new Auditor(store.audit(), clock);
            Traces traces = new Traces(new Tracking(store, clock, false, auditor));
            long t0 = System.nanoTime();
            wide = dev.observatory.bench.trace.TraceQueryBench.load(traces, spans);
            System.out.printf("threshold %s: loaded %d spans in %.1f s; WAL %s%n", t, spans + 1000,
                    (System.nanoTime() - t0) / 1e9, wal(file));
            dbs.add(new Db(t, file, store, auditor, traces));
        }
        List<Connection> connections = new ArrayList<>();
        List<Variant> variants = new ArrayList<>();
        for (Db d : dbs) {
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + d.file());
            connections.add(c);
            TraceStore old = oldSkeletonRead(d.store().traces(), c);
            List<TracedSpan> cached = d.store().traces().traceSkeleton(wide);
            TraceStore java = withSkeleton(d.store().traces(), id -> cached);
            variants.add(new Variant(d.name() + "/new", d.traces()));
            variants.add(new Variant(d.name() + "/old",
                    new Traces(new Tracking(withTraces(d.store(), old), clock, false, d.auditor()))));
            variants.add(new Variant(d.name() + "/java",
                    new Traces(new Tracking(withTraces(d.store(), java), clock, false, d.auditor()))));
        }
        for (Variant v : variants) {
            System.out.printf("%s equals %s: %b%n", v.name(), variants.get(0).name(),
                    v.traces().getTrace(wide, Set.of()).equals(variants.get(0).traces().getTrace(wide, Set.of())));
        }
        measure(variants, wide, rounds, calls);
        for (Db d : dbs) {
            System.out.printf("%s: WAL after the reads %s%n", d.name(), wal(d.file()));
        }
        if (sql) {
            statements(dbs.get(dbs.size() - 1), wide, rounds, calls);
        }
        for (Connection c : connections) {
            c.close();
        }
        for (Db d : dbs) {
            d.auditor().close();
            d.store().close();
        }
    }

    static final long T0 = 1_767_225_600_000_000_000L;
    static final long DAY = 86_400_000_000_000L;

    private static String wal(Path file) {
        Path w = Path.of(file + ".wal");
        try {
            return Files.exists(w) ? Files.size(w) / 1024 + " KiB" : "none";
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** The skeleton read before decision 0038 (VARCHAR columns, ORDER BY in SQL), on connection {@code c}. */
    static TraceStore oldSkeletonRead(TraceStore store, Connection c) throws SQLException {
        PreparedStatement ps = c.prepareStatement("SELECT " + JdbcSpanRows.SELECT_SKELETON
                + " FROM spans WHERE trace_key = ? AND trace_id = ? ORDER BY start_ns, span_id");
        return withSkeleton(store, id -> {
            try {
                ps.setLong(1, DuckDbTraces.traceKey(id));
                ps.setString(2, id);
                List<TracedSpan> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(JdbcSpanRows.readSkeleton(rs, id));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** {@code store} with {@code traceSkeleton} answered by {@code skeleton}. */
    static TraceStore withSkeleton(TraceStore store, Function<String, List<TracedSpan>> skeleton) {
        return (TraceStore) Proxy.newProxyInstance(TraceStore.class.getClassLoader(),
                new Class<?>[] { TraceStore.class }, (proxy, m,
                        a) -> m.getName().equals("traceSkeleton") ? skeleton.apply((String) a[0]) : call(m, store, a));
    }

    /** {@code storage} with {@code traces()} answered by {@code traces}. */
    static StorageComponent withTraces(StorageComponent storage, TraceStore traces) {
        return (StorageComponent) Proxy.newProxyInstance(StorageComponent.class.getClassLoader(),
                new Class<?>[] { StorageComponent.class },
                (proxy, m, a) -> m.getName().equals("traces") ? traces : call(m, storage, a));
    }

    private static Object call(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void measure(List<Variant> variants, String wide, int rounds, int calls) {
        for (int r = 0; r < rounds; r++) {
            StringBuilder line = new StringBuilder("round " + r + ":");
            for (Variant v : variants) {
                long[] wall = new long[calls];
                long cpu0 = cpu();
                for (int i = 0; i < calls; i++) {
                    long t0 = System.nanoTime();
                    v.traces().getTrace(wide, Set.of());
                    wall[i] = System.nanoTime() - t0;
                }
                long cpu = cpu() - cpu0;
                java.util.Arrays.sort(wall);
                line.append(String.format(" %s p50 %.2f min %.2f cpu %.2f;", v.name(), wall[calls / 2] / 1e6,
                        wall[0] / 1e6, cpu / 1e6 / calls));
            }
            System.out.println(line);
        }
    }

    static long cpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    /** EXPLAIN ANALYZE of the skeleton read, then raw statements interleaved: CPU and wall per call. */
    private static void statements(Db d, String wide, int rounds, int calls) throws Exception {
        long key = DuckDbTraces.traceKey(wide);
        String where = " FROM spans WHERE trace_key = " + key + " AND trace_id = '" + wide + "'";
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("count", "SELECT count(*)" + where);
        variants.put("skeleton", "SELECT " + JdbcSpanRows.SELECT_SKELETON + where + " ORDER BY start_ns, span_id");
        variants.put("skeleton-unordered", "SELECT " + JdbcSpanRows.SELECT_SKELETON + where);
        variants.put("key-only", "SELECT " + JdbcSpanRows.SELECT_SKELETON + " FROM spans WHERE trace_key = " + key);
        variants.put("4-cols", "SELECT span_id, parent_span_id, start_ns, end_ns" + where);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + d.file())) {
            try (var st = c.createStatement();
                    ResultSet rs = st.executeQuery("EXPLAIN ANALYZE " + variants.get("skeleton"))) {
                while (rs.next()) {
                    System.out.println(rs.getString(2));
                }
            }
            Map<String, PreparedStatement> prepared = new LinkedHashMap<>();
            for (var e : variants.entrySet()) {
                prepared.put(e.getKey(), c.prepareStatement(e.getValue()));
            }
            for (int r = 0; r < rounds; r++) {
                StringBuilder line = new StringBuilder("sql round " + r + ":");
                for (var e : prepared.entrySet()) {
                    long[] wall = new long[calls];
                    long cpu0 = cpu();
                    for (int i = 0; i < calls; i++) {
                        long t0 = System.nanoTime();
                        try (ResultSet rs = e.getValue().executeQuery()) {
                            while (rs.next()) {
                                rs.getObject(1);
                            }
                        }
                        wall[i] = System.nanoTime() - t0;
                    }
                    long cpu = cpu() - cpu0;
                    java.util.Arrays.sort(wall);
                    line.append(
                            String.format(" %s %.2f/%.2f ms;", e.getKey(), wall[calls / 2] / 1e6, cpu / 1e6 / calls));
                }
                System.out.println(line);
            }
        }
    }
}
