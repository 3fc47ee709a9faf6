package dev.observatory.core.demo;

import dev.observatory.core.demo.DemoRun.Curve;
import dev.observatory.model.MetricColumns;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The metric series of one reinforcement-learning demo run, with CleanRL's keys: {@code charts/episodic_return} rising
 * along a logistic curve, episode length, learning rate, SPS, the algorithm's losses and {@code system/} metrics. The x
 * axis is the global environment step.
 */
final class RlMetrics {

    private final DemoRun run;
    private final Curve curve;
    private final SplittableRandom random;
    private final Columns out = new Columns();
    private final String algo;
    private final long startMs;

    private RlMetrics(DemoRun run, SplittableRandom random) {
        this.run = run;
        this.curve = run.curve();
        this.random = random;
        this.algo = String.valueOf(run.params().get("algo"));
        this.startMs = run.timeOf(0);
    }

    static Map<String, MetricColumns> generate(DemoRun run, SplittableRandom random) {
        RlMetrics metrics = new RlMetrics(run, random);
        metrics.generate();
        return metrics.out.build();
    }

    private void generate() {
        int trainEvery = DemoMetrics.trainEvery(run);
        int systemEvery = DemoMetrics.systemEvery(run);
        double mid = algo.equals("sac") ? 0.22 : algo.equals("dqn") ? 0.45 : 0.38;
        double range = curve.end() - curve.start();
        double lo = Math.min(curve.start(), curve.end()) - 0.05 * Math.abs(range);
        double hi = Math.max(curve.start(), curve.end()) + 0.02 * Math.abs(range);
        boolean atari = run.params().get("env") instanceof Map<?, ?> env
                && String.valueOf(env.get("id")).endsWith("NoFrameskip-v4");
        for (int i = run.logEvery(); i <= run.writtenSteps(); i += run.logEvery()) {
            double progress = Curves.rise((double) i / run.steps(), mid, 0.12);
            double spread = Math.abs(range) * curve.noise() * (0.15 + progress);
            double episodicReturn = curve.start() + range * progress + spread * random.nextGaussian();
            episodicReturn = Curves.clamp(episodicReturn, lo, hi);
            add("charts/episodic_return", i, atari ? Math.round(episodicReturn) : episodicReturn);
            if (i % trainEvery != 0) {
                continue;
            }
            double length = 120 + 880 * progress + 40 * random.nextGaussian();
            add("charts/episodic_length", i, Math.max(10, Math.round(length)));
            double lr = algo.equals("ppo") ? Curves.linearAnneal(i, run.steps(), curve.peakLr()) : curve.peakLr();
            add("charts/learning_rate", i, lr);
            double sps = Math.round(Curves.jitter(random, curve.throughput(), 0.03));
            add("charts/SPS", i, i <= 2 * run.logEvery() ? Math.round(sps * 0.6) : sps);
            losses(i, progress);
            if (i % systemEvery == 0) {
                system(i);
            }
        }
    }

    private void losses(int i, double progress) {
        switch (algo) {
            case "ppo" -> {
                add("losses/value_loss", i, Curves.lognormal(random, 0.02 + 0.9 * progress * (1 - progress), 0.3));
                add("losses/policy_loss", i, -0.004 + 0.009 * random.nextGaussian());
                add("losses/entropy", i, 1.386 * (1 - 0.68 * progress) + 0.02 * random.nextGaussian());
                add("losses/approx_kl", i, Curves.lognormal(random, 0.008, 0.4));
            }
            case "sac" -> {
                add("losses/qf_loss", i, Curves.lognormal(random, 1 + 40 * progress, 0.3));
                add("losses/actor_loss", i, -(5 + 600 * progress) * (1 + 0.02 * random.nextGaussian()));
                add("losses/alpha", i, 0.2 * Math.exp(-4 * progress) + 0.01);
            }
            default -> {
                add("losses/td_loss", i, Curves.lognormal(random, 0.01 + 0.02 * progress, 0.5));
                add("losses/q_values", i, 0.1 + 8 * progress + 0.1 * random.nextGaussian());
            }
        }
    }

    private void system(int i) {
        add("system/gpu_mem_gb", i, Curves.clamp(curve.gpuMemGb() + 0.1 * random.nextGaussian(), 0.3, 80));
        add("system/gpu_util", i, Curves.clamp(48 + 9 * random.nextGaussian(), 3, 100));
    }

    private void add(String key, int iteration, double value) {
        out.add(key, (long) iteration * run.stepScale(), value,
                startMs + Math.round(iteration * run.secondsPerStep() * 1000));
    }
}
