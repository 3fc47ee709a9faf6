package dev.observatory.bench.trace;

import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.core.trace.TraceSettings;
import dev.observatory.core.trace.Traces;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.jdbc.DuckDbStorage;
import dev.observatory.store.memory.InMemoryStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Ingest throughput of the trace store through core {@code Traces.ingest} on DuckDB (no HTTP, no protobuf): 4 threads,
 * batches of 512 spans, then checks every span is queryable. Usage:
 * {@code TraceIngestLoad [spans] [duckdb|memory] [clients]} (default 500,000 on DuckDB from 4 clients; memory measures
 * the core's own cost; more clients make bigger write groups).
 */
public final class TraceIngestLoad {
    private TraceIngestLoad() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        boolean memory = args.length > 1 && args[1].equals("memory");
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path dir = Files.createTempDirectory("observatory-trace-ingest-");
        try (StorageComponent store = memory ? new InMemoryStorage()
                : DuckDbStorage.open(dir.resolve("observatory.duckdb"))) {
            Auditor auditor = new Auditor(store.audit(), Clock.systemUTC());
            Traces traces = new Traces(new Tracking(store, Clock.systemUTC(), false, auditor),
                    TraceSettings.of(null, null, 0)); // synthetic spans are dated 2026-01-01: keep them
            double seconds = TraceQueryBench.ingest(traces, total, clients);
            long stored = store.traces().countSpans();
            System.out.printf(store.kind() + ": ingested %d spans in %.2f s: %.0f spans/s persisted; %d queryable%n",
                    total, seconds, total / seconds, stored);
            auditor.close();
        }
    }
}
