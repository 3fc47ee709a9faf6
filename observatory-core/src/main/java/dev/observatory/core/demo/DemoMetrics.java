package dev.observatory.core.demo;

import dev.observatory.core.demo.DemoRun.Curve;
import dev.observatory.core.demo.DemoRun.Kind;
import dev.observatory.core.demo.DemoRun.Outcome;
import dev.observatory.model.MetricColumns;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The metric series of one supervised (LLM or vision) demo run: loss, learning rate, grad norm, throughput, accuracy,
 * evaluation and {@code system/} metrics, with the run's special shape (divergence, plateau, OOM memory ramp).
 */
final class DemoMetrics {

    /** Iterations from the start of the explosion to the first NaN loss, and from there to the end (diverged run). */
    static final int EXPLOSION = 65;
    static final int NAN_TAIL = 45;
    /** Fraction of the run spent on the plateau (plateau run). */
    static final double PLATEAU_END = 0.35;

    private final DemoRun run;
    private final Curve curve;
    private final SplittableRandom random;
    private final Columns out = new Columns();
    private final Keys keys;
    private final long startMs;
    private final int written;

    private DemoMetrics(DemoRun run, SplittableRandom random) {
        this.run = run;
        this.curve = run.curve();
        this.random = random;
        this.keys = run.kind() == Kind.LLM ? Keys.LLM : Keys.VISION;
        this.startMs = run.timeOf(0);
        this.written = run.writtenSteps();
    }

    /** Generates every series of a run, keyed by metric key. */
    static Map<String, MetricColumns> generate(DemoRun run, SplittableRandom random) {
        if (run.kind() == Kind.RL) {
            return RlMetrics.generate(run, random);
        }
        DemoMetrics metrics = new DemoMetrics(run, random);
        metrics.generate();
        return metrics.out.build();
    }

    /** Iterations between two points of the secondary training keys (all but the loss): ~4000 points at most. */
    static int trainEvery(DemoRun run) {
        return run.logEvery() * Math.max(1, run.steps() / (run.logEvery() * 4_000));
    }

    /** Iterations between two {@code system/} points (~300 per run), a multiple of {@link #trainEvery}. */
    static int systemEvery(DemoRun run) {
        int trainEvery = trainEvery(run);
        int every = Math.max(trainEvery, run.steps() / 300);
        return every - every % trainEvery;
    }

    private void generate() {
        int trainEvery = trainEvery(run);
        int systemEvery = systemEvery(run);
        int nextEval = run.evalEvery();
        for (int i = run.logEvery(); i <= written; i += run.logEvery()) {
            double loss = loss(i, noiselessLoss(i));
            add(keys.loss, i, loss);
            if (i % trainEvery == 0) {
                train(i, loss);
            }
            for (; nextEval <= i; nextEval += run.evalEvery()) {
                eval(nextEval, noiselessLoss(nextEval));
            }
            if (i % systemEvery == 0) {
                system(i);
            }
        }
        if (written == run.steps() && run.steps() % run.evalEvery() != 0) {
            eval(written, noiselessLoss(written));
        }
    }

    /** The loss curve without noise (the plateau run stays at its start value, then drops sharply). */
    double noiselessLoss(int i) {
        if (run.outcome() == Outcome.PLATEAU) {
            int plateauEnd = (int) (run.steps() * PLATEAU_END);
            if (i < plateauEnd) {
                return curve.start();
            }
            double after = curve.end()
                    + (curve.start() - curve.end()) * Curves.decay(i - plateauEnd, run.steps() - plateauEnd, 0.7);
            return curve.start() + (after - curve.start()) * Curves.smoothstep((i - plateauEnd) / 150.0);
        }
        return curve.end() + (curve.start() - curve.end()) * Curves.decay(i, run.steps(), 0.7);
    }

    private double loss(int i, double base) {
        if (run.outcome() == Outcome.PLATEAU && i < run.steps() * PLATEAU_END) {
            return base + 0.0015 * random.nextGaussian();
        }
        double loss = Curves.jitter(random, base, curve.noise());
        int explodeFrom = written - NAN_TAIL - EXPLOSION;
        if (run.outcome() == Outcome.DIVERGED && i >= explodeFrom) {
            return i >= written - NAN_TAIL ? Double.NaN : loss * Math.exp((i - explodeFrom) / 9.0);
        }
        return loss;
    }

    private void train(int i, double loss) {
        double lr = Curves.warmupCosine(i, run.steps(), curve.warmupSteps(), curve.peakLr(),
                run.kind() == Kind.LLM ? 0.1 : 0.0);
        add(keys.lr, i, lr);
        add(keys.gradNorm, i, gradNorm(i));
        double throughput = Curves.jitter(random, curve.throughput(), 0.015);
        add(keys.throughput, i, i <= 2 * run.logEvery() ? throughput * 0.55 : throughput);
        if (keys.trainAcc != null) {
            double acc = Curves.accuracyFromLoss(loss, curve.start(), Math.exp(-curve.start()));
            add(keys.trainAcc, i, Curves.clamp(acc + 0.004 * random.nextGaussian(), 0, 1));
        }
    }

    private double gradNorm(int i) {
        double g = Curves.decay(i, run.steps(), 0.7);
        double norm = Curves.lognormal(random, 0.35 + 2.5 * g, 0.2);
        if (random.nextDouble() < 0.002) {
            norm *= 3 + 5 * random.nextDouble();
        }
        int explodeFrom = written - NAN_TAIL - EXPLOSION;
        if (run.outcome() == Outcome.DIVERGED && i >= explodeFrom) {
            int nanFrom = written - NAN_TAIL;
            return i < nanFrom ? norm * Math.exp((i - explodeFrom) / 6.0)
                    : i == nanFrom ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        return norm;
    }

    private void eval(int i, double base) {
        double q = (curve.start() - base) / (curve.start() - curve.end());
        double chance = run.kind() == Kind.LLM ? 0.42 : Math.exp(-curve.start());
        double acc = chance + (curve.evalEnd() - chance) * Math.pow(Curves.clamp(q, 0, 1), 1.5);
        double evalLoss = run.kind() == Kind.LLM ? base + 0.03 + 0.04 * q : base * (1 + 0.1 * q) + 0.05;
        if (run.outcome() == Outcome.DIVERGED && i >= written - NAN_TAIL - EXPLOSION) {
            evalLoss = i >= written - NAN_TAIL ? Double.NaN : evalLoss * 40;
            acc = 0.02;
        }
        add(keys.evalLoss, i, evalLoss + 0.004 * random.nextGaussian());
        add(keys.evalAcc, i, Curves.clamp(acc + 0.002 * random.nextGaussian(), 0, 1));
    }

    private void system(int i) {
        double memory = curve.gpuMemGb() + 0.25 * random.nextGaussian();
        if (run.outcome() == Outcome.OOM && i > written * 0.7) {
            memory += (79.1 - curve.gpuMemGb()) * Curves.smoothstep((i - written * 0.7) / (written * 0.3));
        }
        add("system/gpu_mem_gb", i, Curves.clamp(memory, 0.5, 79.6));
        add("system/gpu_util", i, Curves.clamp(96 + 2.5 * random.nextGaussian(), 40, 100));
    }

    private void add(String key, int iteration, double value) {
        out.add(key, (long) iteration * run.stepScale(), value,
                startMs + Math.round(iteration * run.secondsPerStep() * 1000));
    }

    /** Metric keys per trainer. */
    record Keys(String loss, String lr, String gradNorm, String throughput, String trainAcc, String evalLoss,
            String evalAcc) {
        static final Keys LLM = new Keys("train/loss", "train/learning_rate", "train/grad_norm", "train/tokens_per_sec",
                null, "eval/loss", "eval/accuracy");
        static final Keys VISION = new Keys("train/loss", "train/lr", "train/grad_norm", "train/samples_per_sec",
                "train/acc", "val/loss", "val/acc");
    }
}
