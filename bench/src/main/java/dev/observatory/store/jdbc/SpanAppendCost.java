package dev.observatory.store.jdbc;

import dev.observatory.core.trace.TraceSettings;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.TracedSpan;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The DuckDB side of span ingest per 512-span batch (issue 5's ingest bar): Appender rows + flush, then COMMIT, on the
 * spans table the migrations create, one database file per row variant, the variants interleaved batch group by batch
 * group so that a loaded machine slows them alike. Variants: {@code current} (the rows {@code DuckDbTraces} writes),
 * {@code no-resource} (resource JSON empty), {@code no-json} (attributes, resource, events and links empty): what
 * narrower rows would buy. Usage: {@code SpanAppendCost [batches per round] [rounds] [variants,...]}; round 1 is
 * warm-up.
 */
public final class SpanAppendCost {
    private SpanAppendCost() {
    }

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        List<String> variants = List.of((args.length > 2 ? args[2] : "current,no-resource,no-json").split(","));
        Path dir = Files.createTempDirectory("observatory-span-append-");
        Map<String, DuckDBConnection> connections = new LinkedHashMap<>();
        Map<String, long[]> totals = new LinkedHashMap<>(); // wall, append cpu, commit cpu, batches
        Map<String, List<Long>> walls = new LinkedHashMap<>();
        for (String v : variants) {
            Path file = dir.resolve(v + ".duckdb");
            DuckDbStorage.open(file).close(); // the migrations' schema
            DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
            c.setAutoCommit(false);
            connections.put(v, c);
            totals.put(v, new long[4]);
            walls.put(v, new ArrayList<>());
        }
        var threads = ManagementFactory.getThreadMXBean();
        long next = 0;
        for (int r = 0; r < rounds; r++) {
            List<List<Object[]>> rows = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                rows.add(rows(next, 64));
                next += 64;
            }
            for (String v : variants) {
                DuckDBConnection c = connections.get(v);
                for (List<Object[]> batch : rows) {
                    long t0 = System.nanoTime();
                    long c0 = threads.getCurrentThreadCpuTime();
                    try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "spans")) {
                        for (Object[] row : batch) {
                            DuckDbSpanIngest.appendRow(a, variant(v, row));
                        }
                        a.flush();
                    }
                    long c1 = threads.getCurrentThreadCpuTime();
                    c.commit();
                    long c2 = threads.getCurrentThreadCpuTime();
                    if (r > 0) {
                        long[] t = totals.get(v);
                        t[0] += System.nanoTime() - t0;
                        t[1] += c1 - c0;
                        t[2] += c2 - c1;
                        t[3]++;
                        walls.get(v).add(System.nanoTime() - t0);
                    }
                }
            }
        }
        for (String v : variants) {
            connections.get(v).close();
            long[] t = totals.get(v);
            List<Long> w = walls.get(v);
            Collections.sort(w);
            long bytes = Files.size(dir.resolve(v + ".duckdb"));
            System.out.printf(
                    "%-12s %d batches of 512: wall median %.2f ms, mean %.2f ms; writer-thread CPU append+flush "
                            + "%.2f ms, commit %.2f ms; file %d MB%n",
                    v, t[3], w.get(w.size() / 2) / 1e6, t[0] / 1e6 / t[3], t[1] / 1e6 / t[3], t[2] / 1e6 / t[3],
                    bytes >> 20);
        }
    }

    /** The table rows of {@code traces} synthetic traces from trace {@code first}, as DuckDbTraces builds them. */
    private static List<Object[]> rows(long first, int traces) throws ReflectiveOperationException {
        Class<?> synthetic = Class.forName("dev.observatory.bench.trace.SyntheticSpans");
        Method trace = synthetic.getDeclaredMethod("trace", long.class, long.class);
        trace.setAccessible(true);
        TraceSettings settings = TraceSettings.defaults();
        List<TracedSpan> spans = new ArrayList<>();
        for (long t = first; t < first + traces; t++) {
            @SuppressWarnings("unchecked")
            List<Span> list = (List<Span>) trace.invoke(null, t, 125_000L);
            list.forEach(s -> spans.add(new TracedSpan(s, settings.calls().facts(s))));
        }
        String[] parents = JdbcSpanRows.parentServices(spans);
        List<Object[]> out = new ArrayList<>(spans.size());
        for (int i = 0; i < spans.size(); i++) {
            Object[] values = JdbcSpanRows.values(spans.get(i), parents[i]);
            Object[] row = Arrays.copyOf(values, values.length + 1);
            row[values.length] = DuckDbTraces.traceKey(spans.get(i).span().traceId());
            out.add(row);
        }
        return out;
    }

    private static Object[] variant(String v, Object[] row) {
        Object[] out = row.clone();
        switch (v) {
            case "current" -> {
            }
            case "no-resource" -> out[36] = "";
            case "no-json" -> Arrays.fill(out, 35, 39, "");
            default -> throw new IllegalArgumentException("unknown variant " + v);
        }
        return out;
    }
}
