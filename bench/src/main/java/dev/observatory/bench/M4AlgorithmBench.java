package dev.observatory.bench;

import dev.observatory.analysis.Downsampled;
import dev.observatory.analysis.M4;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under {@link MetricHistoryBench}: the M4 algorithm of observatory-analysis over the same 1 M-point series
 * held in two primitive arrays, with no store, no copying and no service code around it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx2g" })
public class M4AlgorithmBench {
    @Param({ "1000000" })
    public int points;

    private long[] steps;
    private double[] values;

    @Setup(Level.Trial)
    public void series() {
        SplittableRandom rnd = new SplittableRandom(42);
        steps = new long[points];
        values = new double[points];
        for (int i = 0; i < points; i++) {
            steps[i] = i;
            values[i] = TrainingCurves.LOSS.at(i, points, rnd);
        }
    }

    @Benchmark
    public Downsampled primitiveArraysToThousandBuckets() {
        return M4.downsample(steps, values, 1000);
    }
}
