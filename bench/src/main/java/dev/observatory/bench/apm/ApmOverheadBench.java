package dev.observatory.bench.apm;

import dev.observatory.client.apm.Interceptor;
import dev.observatory.client.apm.ModelCall;
import dev.observatory.client.apm.Observatory;
import dev.observatory.client.apm.TraceContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Bar of issue 5: the APM library's overhead per intercepted call <= 5 µs without export on the hot path. The exporter
 * discards its batches on the interceptor's background thread, so what is measured is the caller's cost: the trace
 * context, the attributes, the snapshot window and the non-blocking queue. {@code interceptModelCall} records a model
 * call with usage and the reliability signals; {@code traceWrapper} times a trivial operation; the baseline is that
 * operation alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
public class ApmOverheadBench {

    private Interceptor interceptor;
    private ModelCall call;

    @Setup(Level.Trial)
    public void instrument() {
        interceptor = Observatory.instrument("bench-service", batch -> {
        });
        call = ModelCall.of("gpt-4o").usage(1200, 300).confidence(0.64).gateThreshold(0.7)
                .latency(Duration.ofMillis(850));
    }

    @Benchmark
    public TraceContext interceptModelCall() {
        return interceptor.interceptModelCall(call);
    }

    @Benchmark
    public Integer traceWrapper(Blackhole bh) throws Exception {
        return interceptor.trace("tools/call search", () -> work(bh));
    }

    @Benchmark
    public Integer baselineOperationAlone(Blackhole bh) {
        return work(bh);
    }

    private static Integer work(Blackhole bh) {
        Blackhole.consumeCPU(10);
        return 42;
    }

    @TearDown(Level.Trial)
    public void close() {
        interceptor.close();
    }
}
