package dev.observatory.bench.trace;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.trace.TraceSettings;
import dev.observatory.core.trace.Traces;
import dev.observatory.model.trace.Span;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.jdbc.DuckDbStorage;
import dev.observatory.store.memory.InMemoryStorage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Ingest throughput of the trace store through core {@code Traces.ingest} on DuckDB (no HTTP, no protobuf): 4 threads,
 * batches of 512 spans, then checks every span is queryable. Usage:
 * {@code TraceIngestLoad [spans] [duckdb|memory] [clients] [warmup]} (default 500,000 on DuckDB from 4 clients; memory
 * measures the core's own cost; more clients make bigger write groups; {@code warmup} spans, default 0, are first
 * ingested into a throw-away database so that the measured run finds the code compiled, as a running server would).
 * Prints the CPU per 512 spans of the process and of each thread group ({@link ThreadCpu}: the writer, DuckDB's native
 * workers named {@code java}, GC, JIT): on a 2-core machine the process' CPU bounds the rate (decision 0034). The spans
 * are built before the clocks start, so the CPU printed is the ingest's only (decision 0037).
 */
public final class TraceIngestLoad {
    private TraceIngestLoad() {
    }

    /** CPU time of the whole process (every thread, native code included), or 0 when the JVM does not tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    /** CPU time of the DuckDB writer threads ({@code duckdb-*writer*}), native code included. */
    static long writerCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("duckdb-") && t.getName().contains("writer")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.threadId()));
            }
        }
        return sum;
    }

    /** The synthetic spans of {@code total / 8} traces in batches of 512 (64 traces each). */
    static List<List<Span>> batches(int total) {
        long tracesCount = total / SyntheticSpans.SPANS_PER_TRACE;
        int perBatch = 512 / SyntheticSpans.SPANS_PER_TRACE;
        List<List<Span>> batches = new ArrayList<>();
        for (long t = 0; t < tracesCount; t += perBatch) {
            List<Span> b = new ArrayList<>(512);
            for (long k = t; k < Math.min(tracesCount, t + perBatch); k++) {
                b.addAll(SyntheticSpans.trace(k, tracesCount));
            }
            batches.add(b);
        }
        return batches;
    }

    /** Ingests the batches from {@code clients} threads; the seconds it took. */
    static double ingest(Traces traces, List<List<Span>> batches, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<Span> b : batches) {
                done.add(pool.submit(() -> traces.ingest(b)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The trace service without retention (synthetic spans are dated 2026-01-01: keep them). */
    private static Traces traces(StorageComponent store, Auditor auditor) {
        return new Traces(new Tracking(store, Clock.systemUTC(), false, auditor), TraceSettings.of(null, null, 0));
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        boolean memory = args.length > 1 && args[1].equals("memory");
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Path dir = Files.createTempDirectory("observatory-trace-ingest-");
        if (warmup > 0) { // the same path into a throw-away database first, so that the JIT has compiled it
            try (StorageComponent store = memory ? new InMemoryStorage()
                    : DuckDbStorage.open(dir.resolve("warmup.duckdb"))) {
                Auditor auditor = new Auditor(store.audit(), Clock.systemUTC());
                ingest(traces(store, auditor), batches(warmup), clients);
                auditor.close();
            }
        }
        try (StorageComponent store = memory ? new InMemoryStorage()
                : DuckDbStorage.open(dir.resolve("observatory.duckdb"))) {
            Auditor auditor = new Auditor(store.audit(), Clock.systemUTC());
            Traces traces = traces(store, auditor);
            List<List<Span>> batches = batches(total); // built before the clocks start: not the ingest's CPU
            System.gc();
            Map<String, Long> threads0 = ThreadCpu.byName();
            long cpu0 = processCpuNanos();
            long writer0 = writerCpuNanos();
            double seconds = ingest(traces, batches, clients);
            long cpu = processCpuNanos() - cpu0;
            long writer = writerCpuNanos() - writer0;
            Map<String, Long> byThread = ThreadCpu.since(threads0);
            long stored = store.traces().countSpans();
            System.out.printf(
                    store.kind() + ": ingested %d spans in %.2f s: %.0f spans/s persisted; %d queryable;"
                            + " CPU per 512 spans: process %.1f ms, writer thread %.1f ms%n",
                    total, seconds, total / seconds, stored, cpu / 1e6 * 512 / total, writer / 1e6 * 512 / total);
            long live = byThread.values().stream().mapToLong(Long::longValue).sum();
            if (live > 0) {
                byThread.put("(threads that ended)", Math.max(0, cpu - live));
            }
            byThread.forEach((name, ns) -> System.out.printf("  CPU per 512 spans, threads %-20s %.1f ms%n", name,
                    ns / 1e6 * 512 / total));
            auditor.close();
        }
    }
}
