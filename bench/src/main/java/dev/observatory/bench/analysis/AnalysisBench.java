package dev.observatory.bench.analysis;

import dev.observatory.analysis.Direction;
import dev.observatory.analysis.Downsampled;
import dev.observatory.analysis.Lttb;
import dev.observatory.analysis.M4;
import dev.observatory.analysis.Smoothing;
import dev.observatory.analysis.correlation.Correlation;
import dev.observatory.analysis.correlation.Correlations;
import dev.observatory.analysis.forecast.Forecast;
import dev.observatory.analysis.forecast.Forecasts;
import dev.observatory.analysis.logs.LogIntelligence;
import dev.observatory.analysis.logs.LogRecord;
import dev.observatory.analysis.logs.LogReport;
import dev.observatory.analysis.moments.CriticalMomentReport;
import dev.observatory.analysis.moments.CriticalMoments;
import dev.observatory.analysis.rl.ActionMastery;
import dev.observatory.analysis.rl.BehaviouralPatterns;
import dev.observatory.analysis.rl.ResourceEfficiency;
import dev.observatory.analysis.trend.ConvergenceResult;
import dev.observatory.analysis.trend.LearningCurves;
import dev.observatory.analysis.trend.OverfittingResult;
import dev.observatory.analysis.trend.TrendResult;
import java.util.ArrayList;
import java.util.List;
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
 * Issue 3 performance bar: each single analysis of observatory-analysis over one 1,000,000-point series (bar: <= 50
 * ms). The series is a noisy power-law loss with a breakthrough at 60% (so the detectors have something to find); the
 * second series (eval loss, other metric, resource) has the same steps. Log intelligence runs over 100,000 lines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx2g" })
public class AnalysisBench {
    @Param({ "1000000" })
    public int points;

    private long[] steps;
    private double[] loss;
    private double[] other;
    private double[] rate;
    private List<LogRecord> logs;

    @Setup(Level.Trial)
    public void series() {
        SplittableRandom rnd = new SplittableRandom(42);
        steps = new long[points];
        loss = new double[points];
        other = new double[points];
        rate = new double[points];
        for (int i = 0; i < points; i++) {
            double u = (double) i / points;
            steps[i] = i;
            loss[i] = (0.35 + 2.2 * Math.pow(1 + u / 0.01, -0.6)) * (u < 0.6 ? 1 : 0.8)
                    * (1 + 0.05 * rnd.nextGaussian());
            other[i] = loss[i] * 1.1 + 0.05 + 0.02 * rnd.nextGaussian();
            rate[i] = 0.6 / (1 + Math.exp(-(u - 0.3) * 20)) + 0.01 * rnd.nextGaussian();
        }
        logs = new ArrayList<>();
        String[] templates = { "step %d loss %.4f lr %.2e", "WARNING: grad norm %.1f exceeds clip at step %d",
                "ERROR: dataloader worker %d died (pid 0x%x)", "CUDA out of memory. Tried to allocate %.2f GiB",
                "loss is nan at step %d" };
        for (int i = 0; i < 100_000; i++) {
            int t = rnd.nextInt(100) < 90 ? 0 : 1 + rnd.nextInt(4);
            String level = t == 0 ? "INFO" : t == 1 ? "WARN" : "ERROR";
            String text = switch (t) {
                case 0 -> String.format(templates[0], i, rnd.nextDouble(), rnd.nextDouble() * 1e-3);
                case 1 -> String.format(templates[1], rnd.nextDouble() * 10, i);
                case 2 -> String.format(templates[2], rnd.nextInt(8), rnd.nextInt(1 << 20));
                case 3 -> String.format(templates[3], rnd.nextDouble() * 10);
                default -> String.format(templates[4], i);
            };
            logs.add(new LogRecord(i, level, text));
        }
    }

    @Benchmark
    public Downsampled m4To1000Buckets() {
        return M4.downsample(steps, loss, 1_000);
    }

    @Benchmark
    public Downsampled lttbTo1000Points() {
        return Lttb.downsample(steps, loss, 1_000);
    }

    @Benchmark
    public double[] debiasedEmaSmoothing() {
        return Smoothing.debiasedEma(loss, 0.01);
    }

    @Benchmark
    public CriticalMomentReport criticalMoments() {
        return CriticalMoments.detect(steps, loss, Direction.LOWER_IS_BETTER);
    }

    @Benchmark
    public TrendResult trend() {
        return LearningCurves.trend(steps, loss, Direction.LOWER_IS_BETTER);
    }

    @Benchmark
    public ConvergenceResult convergence() {
        return LearningCurves.convergence(steps, loss, Direction.LOWER_IS_BETTER);
    }

    @Benchmark
    public OverfittingResult overfitting() {
        return LearningCurves.overfitting(steps, loss, steps, other, Direction.LOWER_IS_BETTER);
    }

    @Benchmark
    public Forecast forecast() {
        return Forecasts.predict(steps, loss, 2L * points);
    }

    @Benchmark
    public Correlation correlation() {
        return Correlations.of(steps, loss, steps, other);
    }

    @Benchmark
    public Correlation correlationLagSearch10() {
        return Correlations.withLag(steps, loss, steps, other, 10);
    }

    @Benchmark
    public ActionMastery actionMastery() {
        return BehaviouralPatterns.mastery("jump_rate", steps, rate, 0.05);
    }

    @Benchmark
    public ResourceEfficiency resourceEfficiency() {
        return BehaviouralPatterns.efficiency(steps, rate, steps, other);
    }

    @Benchmark
    public LogReport logIntelligence100kLines() {
        return LogIntelligence.analyse(logs);
    }
}
