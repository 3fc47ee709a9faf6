package dev.observatory.bench.trace;

import dev.observatory.core.Tracking;
import dev.observatory.core.trace.IngestResult;
import dev.observatory.core.trace.TraceSettings;
import dev.observatory.core.trace.Traces;
import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.server.otlp.SpanConversion;
import dev.observatory.store.StorageComponent;
import dev.observatory.store.TraceStore;
import dev.observatory.store.internal.SpanJson;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU of one 512-span OTLP/protobuf export on the server's HTTP thread, without HTTP and without DuckDB (decision
 * 0045): parse with the official classes, {@code SpanConversion.spans}, core {@code Traces.ingest} (validation, limits,
 * GenAI facts, cost) into a store stub that encodes what {@code DuckDbTraces.write} encodes before handing the rows to
 * the writer thread (the attributes, events and links JSON text, the resource's once per batch).
 * {@code java --enable-native-access=ALL-UNNAMED -jar bench/target/benchmarks.jar OtlpConversionBench -f 1 -wi 3 -i 5}.
 * On a shared machine the thread CPU per call is steadier than JMH's times: {@code java -cp bench/target/benchmarks.jar
 * dev.observatory.bench.trace.OtlpConversionBench [export|convert|parse]} prints the median of 15 rounds of 300 calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OtlpConversionBench {
    private static final int BODIES = 16;

    private List<byte[]> bodies;
    private Traces traces;
    /** Characters of the JSON text written: kept so that nothing written is dead code. */
    private long written;
    private int next;

    @Setup
    public void setUp() {
        bodies = OtlpBodies.bodies(0, BODIES * 64L, 512, 0);
        TraceStore store = (TraceStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { TraceStore.class }, (p, m, args) -> {
                    if (m.getName().equals("write")) {
                        @SuppressWarnings("unchecked")
                        List<TracedSpan> spans = (List<TracedSpan>) args[0];
                        rows(spans);
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        StorageComponent storage = (StorageComponent) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { StorageComponent.class }, (p, m, args) -> {
                    if (m.getName().equals("traces")) {
                        return store;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        traces = new Traces(new Tracking(storage, Clock.systemUTC(), false, null), TraceSettings.of(null, null, 0));
    }

    /** What DuckDbTraces.write encodes on the HTTP thread: the JSON columns, the resource once per batch. */
    private void rows(List<TracedSpan> spans) {
        Map<Map<String, Object>, String> resources = new HashMap<>();
        for (TracedSpan t : spans) {
            Span s = t.span();
            written += resources.computeIfAbsent(s.resource(), SpanJson::attributes).length()
                    + SpanJson.attributes(s.attributes()).length() + SpanJson.events(s.events()).length()
                    + SpanJson.links(s.links()).length() + (t.facts().costNote() == null ? 0 : 1);
        }
    }

    /** Parse only (the official classes). */
    @Benchmark
    public ExportTraceServiceRequest parse() throws Exception {
        return ExportTraceServiceRequest.parseFrom(bodies.get(next++ & (BODIES - 1)));
    }

    /** Parse and convert only. */
    @Benchmark
    public List<Span> convert() throws Exception {
        byte[] body = bodies.get(next++ & (BODIES - 1));
        return SpanConversion.spans(ExportTraceServiceRequest.parseFrom(body));
    }

    /** Parse, convert, ingest (validation, facts) and the rows' JSON: the HTTP thread's work for one export. */
    @Benchmark
    public IngestResult export() throws Exception {
        byte[] body = bodies.get(next++ & (BODIES - 1));
        return traces.ingest(SpanConversion.spans(ExportTraceServiceRequest.parseFrom(body)));
    }

    /** Thread CPU per call of one benchmark method after a warm-up: the median, least and most of 15 rounds. */
    public static void main(String[] args) throws Exception {
        String method = args.length > 0 ? args[0] : "export";
        OtlpConversionBench b = new OtlpConversionBench();
        b.setUp();
        java.util.concurrent.Callable<Object> call = switch (method) {
            case "parse" -> b::parse;
            case "convert" -> b::convert;
            case "export" -> b::export;
            default -> throw new IllegalArgumentException("export, convert or parse, not " + method);
        };
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 6_000; i++) {
            sink += call.call() == null ? 0 : 1;
        }
        double[] rounds = new double[15];
        for (int k = 0; k < rounds.length; k++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 300; i++) {
                sink += call.call() == null ? 0 : 1;
            }
            rounds[k] = (cpu.getCurrentThreadCpuTime() - c0) / 300 / 1000.0;
        }
        java.util.Arrays.sort(rounds);
        System.out.printf("%s cpu_us_per_op median=%.1f min=%.1f max=%.1f (%d)%n", method, rounds[rounds.length / 2],
                rounds[0], rounds[rounds.length - 1], (sink ^ b.written) & 1);
    }
}
