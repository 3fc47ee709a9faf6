package dev.observatory.core.demo;

import dev.observatory.core.demo.DemoRun.Curve;
import dev.observatory.core.demo.DemoRun.Kind;
import dev.observatory.core.demo.DemoRun.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The plan of the demo: three projects and their forty runs, deterministic for a seed. */
final class DemoRuns {

    static final String LLM = "llm-finetune";
    static final String VISION = "vision-resnet";
    static final String RL = "rl-agents";

    /** Project names and descriptions, in creation order. */
    static final List<Map.Entry<String, String>> PROJECTS = List.of(
            Map.entry(LLM,
                    "Supervised fine-tuning of Llama 3.x and Qwen 2.5 (full and LoRA) on Alpaca and "
                            + "OpenHermes, Hugging Face Trainer."),
            Map.entry(VISION,
                    "ResNet image classification on CIFAR-10 and ImageNet-1k with PyTorch Lightning: "
                            + "learning-rate x batch-size sweep and recipe ablations."),
            Map.entry(RL, "PPO, SAC and DQN agents on Atari and MuJoCo, CleanRL-style logging."));

    private final SplittableRandom random;
    private final Instant now;
    private final List<DemoRun> runs = new ArrayList<>();

    private DemoRuns(long seed, Instant now) {
        this.random = new SplittableRandom(seed);
        this.now = now;
    }

    /** Every demo run, ordered by start time. */
    static List<DemoRun> plan(long seed, Instant now) {
        DemoRuns plan = new DemoRuns(seed, now);
        plan.llm();
        plan.vision();
        plan.rl();
        plan.runs.sort(Comparator.comparing(DemoRun::startedAt).thenComparing(DemoRun::name));
        return List.copyOf(plan.runs);
    }

    private void llm() {
        llm("llama3.2-1b-sft-baseline", Outcome.FINISHED, "meta-llama/Llama-3.2-1B", 16, 2048, 0, 2e-5, 1.18, 19,
                "alice", "sft", "baseline");
        llm("llama3.2-1b-sft-lr5e-5", Outcome.FINISHED, "meta-llama/Llama-3.2-1B", 16, 2048, 0, 5e-5, 1.12, 18, "alice",
                "sft", "lr-search");
        llm("llama3.2-1b-sft-lr1e-4", Outcome.FINISHED, "meta-llama/Llama-3.2-1B", 16, 2048, 0, 1e-4, 1.15, 17.5,
                "alice", "sft", "lr-search");
        llm("llama3.2-1b-sft-lr3e-3-nowarmup", Outcome.DIVERGED, "meta-llama/Llama-3.2-1B", 16, 2048, 0, 3e-3, 1.3, 17,
                "alice", "sft", "lr-search");
        llm("qwen2.5-1.5b-sft-baseline", Outcome.FINISHED, "Qwen/Qwen2.5-1.5B", 28, 1536, 0, 2e-5, 1.09, 15, "priya",
                "sft", "baseline");
        llm("llama3.2-3b-lora-r16", Outcome.FINISHED, "meta-llama/Llama-3.2-3B", 28, 3072, 16, 2e-4, 1.02, 12, "priya",
                "lora");
        llm("llama3.2-3b-lora-r64", Outcome.FINISHED, "meta-llama/Llama-3.2-3B", 28, 3072, 64, 2e-4, 0.99, 11, "priya",
                "lora");
        llm("llama3.2-3b-sft-packing-4k", Outcome.KILLED, "meta-llama/Llama-3.2-3B", 28, 3072, 0, 2e-5, 1.05, 9,
                "alice", "sft", "packing");
        llm("llama3.1-8b-lora-r16", Outcome.FINISHED, "meta-llama/Llama-3.1-8B", 32, 4096, 16, 2e-4, 0.91, 6, "priya",
                "lora");
        llm("llama3.1-8b-full-bs32-seq4096", Outcome.OOM, "meta-llama/Llama-3.1-8B", 32, 4096, 0, 1e-5, 0.9, 3, "alice",
                "sft", "full-ft");
        llm("llama3.1-8b-lora-r32-openhermes", Outcome.RUNNING, "meta-llama/Llama-3.1-8B", 32, 4096, 32, 1e-4, 0.88, 0,
                "priya", "lora", "openhermes");
        Map<String, Object> params = DemoParams.llm("meta-llama/Llama-3.2-1B", 16, 2048, 0, 3e-4, 2000, 256, 4096,
                "HuggingFaceFW/fineweb-edu", 1234);
        params.put("epochs", 1);
        add(LLM, "llama3.2-1b-continued-pretrain", Kind.LLM, Outcome.FINISHED, 100_000, 1, 1, 2000, "alice",
                List.of("pretrain", "long"), params, "Continued pre-training on 100B tokens of fineweb-edu.",
                "dgx-h100-02", ago(24), 1.9, new Curve(3e-4, 2000, 3.4, 2.31, 0.52, 0.012, 552_000, 74.2));
    }

    private void llm(String name, Outcome outcome, String model, int layers, int hidden, int loraRank, double lr,
            double end, double daysAgo, String user, String... tags) {
        boolean big = hidden >= 4096;
        boolean diverges = outcome == Outcome.DIVERGED;
        int warmup = diverges ? 0 : 100;
        int seqLen = name.contains("4k") || name.contains("seq4096") ? 4096 : 2048;
        int batch = name.contains("bs32") ? 32 : 64;
        boolean hermes = name.contains("openhermes");
        String dataset = hermes ? "teknium/OpenHermes-2.5" : "tatsu-lab/alpaca";
        int steps = DemoParams.examples(dataset) * (hermes ? 1 : 3) / batch + 1;
        double tokensPerSec = (big ? 4_300 : hidden >= 3072 ? 9_800 : 21_500) * (loraRank > 0 ? 1.35 : 1.0);
        double secondsPerStep = batch * seqLen * 0.55 / tokensPerSec;
        double memory = (big ? 62 : hidden >= 3072 ? 48 : 31) - (loraRank > 0 ? 14 : 0) + seqLen / 1024.0;
        double evalAcc = 0.58 + (1.3 - end) * 0.35;
        Map<String, Object> params = DemoParams.llm(model, layers, hidden, loraRank, lr, warmup, batch, seqLen, dataset,
                42);
        params.put("epochs", hermes ? 1 : 3);
        String host = "dgx-a100-0" + (1 + random.nextInt(3));
        Instant lastPointAt = outcome == Outcome.RUNNING ? now.minusSeconds(6) : ago(daysAgo);
        add(LLM, name, Kind.LLM, outcome, steps, 1, 1, 200, user, List.of(tags), params, null, host, lastPointAt,
                secondsPerStep, new Curve(lr, warmup, 2.05 + random.nextDouble() * 0.1, end, evalAcc,
                        diverges ? 0.05 : 0.035, tokensPerSec, memory));
    }

    private void vision() {
        double[] lrs = { 0.01, 0.03, 0.1, 0.3 };
        int[] batches = { 64, 128, 256 };
        for (double lr : lrs) {
            for (int batch : batches) {
                double penalty = Math.pow(Math.log10(lr / (0.1 * batch / 128.0)), 2);
                double acc = 0.953 - 0.05 * penalty - random.nextDouble() * 0.004;
                int perEpoch = (50_000 + batch - 1) / batch;
                String lrText = String.valueOf(lr);
                Map<String, Object> params = DemoParams.vision("resnet18", 18, "cifar10", lr, batch, 15, 0.0, 0);
                params.put("sweep", DemoParams.map("id", "sweep-cifar-lr-bs", "method", "grid", "metric", "val/acc"));
                boolean unstable = lr / batch > 0.003;
                add(VISION, "resnet18-cifar10-sweep-lr" + lrText + "-bs" + batch, Kind.VISION, Outcome.FINISHED,
                        perEpoch * 15, 1, 10, perEpoch, "chen", List.of("sweep", "cifar10", "resnet18"), params, null,
                        "gpu-node-0" + (4 + random.nextInt(4)), ago(8 + random.nextDouble() * 1.5), batch / 7_800.0,
                        new Curve(lr, perEpoch, 2.31, 0.02 + 2.4 * (0.96 - acc), acc, unstable ? 0.09 : 0.05, 7_800,
                                2.2 + batch / 64.0));
            }
        }
        imagenet("resnet50-imagenet-16ep-baseline", 0.0, 0.716, 1.31, 14);
        imagenet("resnet50-imagenet-16ep-label-smoothing", 0.1, 0.724, 1.95, 13);
        imagenet("resnet50-imagenet-16ep-mixup", 0.0, 0.709, 1.74, 10);
        Map<String, Object> params = DemoParams.vision("resnet18", 18, "cifar10", 0.4, 128, 15, 0.0, 7);
        add(VISION, "resnet18-cifar10-lr0.4-nowarmup", Kind.VISION, Outcome.PLATEAU, 391 * 15, 1, 5, 391, "bob",
                List.of("cifar10", "resnet18", "ablation"), params,
                "No warmup: sat at chance (loss 2.30) for ~2k steps, then broke through.", "gpu-node-05", ago(5),
                128 / 7_800.0, new Curve(0.4, 0, 2.3026, 0.09, 0.931, 0.05, 7_800, 4.2));
    }

    private void imagenet(String name, double labelSmoothing, double acc, double end, double daysAgo) {
        Map<String, Object> params = DemoParams.vision("resnet50", 50, "imagenet-1k", 0.1, 256, 16, labelSmoothing, 0);
        add(VISION, name, Kind.VISION, Outcome.FINISHED, 5_004 * 16, 1, 50, 5_004, "bob",
                List.of("imagenet", "resnet50"), params, null, "dgx-a100-0" + (1 + random.nextInt(3)), ago(daysAgo),
                256 / 2_650.0, new Curve(0.1, 5_004 * 5 / 16, 6.91, end, acc, 0.03, 2_650, 21.5));
    }

    private void rl() {
        ppo("ppo-breakout-seed1", "BreakoutNoFrameskip-v4", 1, 10_000_000, 1.5, 382, 16);
        ppo("ppo-breakout-seed2", "BreakoutNoFrameskip-v4", 2, 10_000_000, 1.4, 311, 16);
        ppo("ppo-breakout-seed3", "BreakoutNoFrameskip-v4", 3, 10_000_000, 1.6, 405, 15.8);
        ppo("ppo-breakout-lstm-seed1", "BreakoutNoFrameskip-v4", 1, 10_000_000, 1.5, 290, 13);
        ppo("ppo-pong-seed1", "PongNoFrameskip-v4", 1, 10_000_000, -20.8, 20.4, 12);
        ppo("ppo-coinrun-seed1", "procgen-coinrun", 1, 25_000_000, 3.1, 8.9, 7);
        sac("sac-halfcheetah-seed1", "HalfCheetah-v4", 1, -280, 10_240, 10);
        sac("sac-halfcheetah-seed2", "HalfCheetah-v4", 2, -310, 9_620, 10);
        sac("sac-hopper-seed1", "Hopper-v4", 1, 25, 3_110, 9);
        sac("sac-walker2d-seed1", "Walker2d-v4", 1, -5, 4_180, 8);
        Map<String, Object> dqn = DemoParams.rl("dqn", "BreakoutNoFrameskip-v4", 1e-4, 1, 10_000_000, 1);
        add(RL, "dqn-breakout-seed1", Kind.RL, Outcome.FINISHED, 10_000, 1_000, 10, 250, "sofia",
                List.of("dqn", "atari"), dqn, null, "rl-box-02", ago(6), 3.1,
                new Curve(1e-4, 0, 1.2, 262, 0, 0.25, 320, 3.1));
        Map<String, Object> humanoid = DemoParams.rl("ppo", "Humanoid-v4", 3e-4, 64, 100_000_000, 1);
        add(RL, "ppo-humanoid-envpool-100m", Kind.RL, Outcome.FINISHED, 100_000, 1_000, 1, 1_000, "dmitri",
                List.of("ppo", "mujoco", "long"), humanoid, "100M env steps with envpool; one point per 1k steps.",
                "rl-box-01", ago(2), 0.31, new Curve(3e-4, 0, 120, 5_200, 0, 0.15, 3_200, 5.4));
    }

    private void ppo(String name, String env, int seed, long timesteps, double start, double end, double daysAgo) {
        Map<String, Object> params = DemoParams.rl("ppo", env, 2.5e-4, 8, timesteps, seed);
        add(RL, name, Kind.RL, Outcome.FINISHED, (int) (timesteps / 1024), 1024, 5, 100, "dmitri",
                List.of("ppo", env.startsWith("procgen") ? "procgen" : "atari"), params, null, "rl-box-01",
                ago(daysAgo), 1024 / 2_150.0, new Curve(2.5e-4, 0, start, end, 0, 0.18, 2_150, 2.8));
    }

    private void sac(String name, String env, int seed, double start, double end, double daysAgo) {
        Map<String, Object> params = DemoParams.rl("sac", env, 3e-4, 1, 1_000_000, seed);
        add(RL, name, Kind.RL, Outcome.FINISHED, 1_000, 1_000, 1, 10, "sofia", List.of("sac", "mujoco"), params, null,
                "rl-box-02", ago(daysAgo), 1000 / 145.0, new Curve(3e-4, 0, start, end, 0, 0.12, 145, 1.6));
    }

    private void add(String project, String name, Kind kind, Outcome outcome, int steps, int stepScale, int logEvery,
            int evalEvery, String user, List<String> tags, Map<String, Object> params, String notes, String host,
            Instant lastPointAt, double secondsPerStep, Curve curve) {
        runs.add(new DemoRun(project, name, kind, outcome, steps, stepScale, logEvery, evalEvery, user, tags, params,
                notes, commit(), host, lastPointAt, secondsPerStep, curve));
    }

    private Instant ago(double days) {
        return now.minus(Duration.ofSeconds((long) (days * 86_400) + random.nextInt(3_600)));
    }

    private String commit() {
        return String.format("%016x%016x%08x", random.nextLong(), random.nextLong(), random.nextInt());
    }
}
