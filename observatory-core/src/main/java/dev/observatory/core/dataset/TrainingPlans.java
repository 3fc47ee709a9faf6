package dev.observatory.core.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rule-of-thumb training plans from dataset size, model size and GPU memory. Memory model: weights, gradients and AdamW
 * state take 16 bytes per trained parameter (mixed precision with fp32 master weights) for full fine-tunes and
 * classifiers, 2 bytes per frozen base parameter (bf16) plus 10% for LoRA; activations with gradient checkpointing take
 * about 0.12 GB per billion parameters per 1,024 tokens of one example; 10% of the GPU is kept free.
 */
public final class TrainingPlans {
    static final double ACTIVATION_GB_PER_B_PARAMS_PER_1K_TOKENS = 0.12;

    private TrainingPlans() {
    }

    public static TrainingPlan recommend(PlanRequest r) {
        String method = method(r.method());
        check(r);
        int tokens = r.tokensPerExample() == null ? 1024 : r.tokensPerExample();
        int gpus = r.gpus() == null ? 1 : r.gpus();
        double paramsB = r.modelParameters() / 1e9;
        double staticGb = method.equals("lora") ? paramsB * 2 * 1.1 : paramsB * 16;
        double usable = r.gpuMemoryGb() * 0.9;
        double perExample = Math.max(0.001, ACTIVATION_GB_PER_B_PARAMS_PER_1K_TOKENS * paramsB * tokens / 1024.0);
        int micro = (int) Math.max(1, Math.min(64, Math.floor((usable - staticGb) / perExample)));
        micro = Integer.highestOneBit(micro);
        boolean fits = staticGb + perExample * micro <= usable;
        List<TrainingPlan.Item> items = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        items.add(new TrainingPlan.Item("micro_batch_size", micro, String.format(Locale.ROOT,
                "%.1f GB usable (90%% of %.0f GB) minus %.1f GB for %s leaves room for %d example(s) of %d tokens at"
                        + " ~%.2f GB each; rounded down to a power of two",
                usable, r.gpuMemoryGb(), staticGb,
                method.equals("lora") ? "frozen bf16 weights + adapters"
                        : "weights, gradients and AdamW state (16 B/param)",
                (int) Math.max(0, Math.floor((usable - staticGb) / perExample)), tokens, perExample)));
        if (!fits) {
            warnings.add(String.format(Locale.ROOT,
                    "does not fit: ~%.1f GB needed for one example on a %.0f GB GPU;"
                            + " use LoRA, an 8-bit optimizer, shorter sequences or a smaller model",
                    staticGb + perExample, r.gpuMemoryGb()));
        }
        int target = method.equals("classifier") ? 256 : (int) Math.max(8, Math.min(64, r.examples() / 20));
        int accumulation = Math.max(1, (int) Math.ceil((double) target / (micro * gpus)));
        int effective = micro * gpus * accumulation;
        items.add(new TrainingPlan.Item("gradient_accumulation_steps", accumulation,
                "reaches an effective batch of " + target
                        + (method.equals("classifier") ? " (classifiers train well at 256)"
                                : " (about 1/20 of the dataset, between 8 and 64)")));
        items.add(new TrainingPlan.Item("effective_batch_size", effective,
                micro + " per step x " + gpus + " GPU(s) x " + accumulation + " accumulation steps"));
        double[] lr = learningRates(method, paramsB, effective);
        items.add(new TrainingPlan.Item("learning_rate", lr[2], String.format(Locale.ROOT,
                "%s range %.1e-%.1e, scaled by sqrt(effective batch / reference batch); start at the geometric mean",
                method, lr[0], lr[1])));
        int epochs = epochs(method, r.examples());
        long steps = Math.max(100, (long) Math.ceil((double) r.examples() * epochs / effective));
        items.add(new TrainingPlan.Item("epochs", epochs, r.examples() + " examples: " + (r.examples() < 1000
                ? "a small dataset needs several passes"
                : r.examples() < 10_000 ? "a medium dataset needs a few passes" : "a large dataset, few passes")));
        items.add(new TrainingPlan.Item("max_steps", steps, r.examples() + " examples x " + epochs + " epochs / "
                + effective + " per step" + (steps == 100 ? " (at least 100 steps)" : "")));
        long warmup = Math.max(10, Math.round(steps * 0.03));
        items.add(new TrainingPlan.Item("warmup_steps", warmup, "3% of the steps (at least 10) to avoid early spikes"));
        long every = Math.max(50, Math.round(steps / 10.0));
        items.add(new TrainingPlan.Item("checkpoint_every_steps", every,
                "about 10 checkpoints over the run (at least 50 steps apart) bound the work lost to a crash"));
        items.add(new TrainingPlan.Item("keep_last", 3,
                "three recent checkpoints allow a rollback past a divergence" + " without filling the disk"));
        if (r.examples() < 50) {
            warnings.add("only " + r.examples() + " examples: expect over-fitting; watch the validation loss");
        }
        return new TrainingPlan(method, fits, Math.round((staticGb + perExample * micro) * 10) / 10.0, micro,
                accumulation, effective, lr[0], lr[1], lr[2], epochs, steps, warmup, every, 3, items, warnings);
    }

    /** [min, max, suggested] scaled by sqrt(effective / reference batch). */
    static double[] learningRates(String method, double paramsB, int effective) {
        double min;
        double max;
        int reference;
        switch (method) {
            case "lora" -> {
                min = 5e-5;
                max = 2e-4;
                reference = 16;
            }
            case "full" -> {
                min = paramsB >= 1 ? 1e-5 : 5e-5;
                max = paramsB >= 1 ? 5e-5 : 2e-4;
                reference = 64;
            }
            default -> {
                min = 1e-4;
                max = 1e-3;
                reference = 256;
            }
        }
        double scale = Math.sqrt((double) effective / reference);
        min = round(min * scale);
        max = round(max * scale);
        return new double[] { min, max, round(Math.sqrt(min * max)) };
    }

    private static double round(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.2e", v));
    }

    static int epochs(String method, long examples) {
        if (method.equals("classifier")) {
            return examples < 1000 ? 30 : examples < 10_000 ? 15 : 5;
        }
        return examples < 1000 ? 10 : examples < 10_000 ? 3 : 1;
    }

    static String method(String m) {
        String s = m == null ? "" : m.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "lora", "lora-finetune" -> "lora";
            case "full", "full-finetune" -> "full";
            case "classifier" -> "classifier";
            default -> throw new IllegalArgumentException("method must be lora, full or classifier, got '" + m + "'");
        };
    }

    private static void check(PlanRequest r) {
        if (r.examples() < 1) {
            throw new IllegalArgumentException("examples must be at least 1");
        }
        if (r.modelParameters() < 1000) {
            throw new IllegalArgumentException("model_parameters must be the parameter count (e.g. 7000000000)");
        }
        if (!(r.gpuMemoryGb() > 0) || r.gpuMemoryGb() > 10_000) {
            throw new IllegalArgumentException("gpu_memory_gb must be between 0 and 10000");
        }
        if (r.tokensPerExample() != null && (r.tokensPerExample() < 1 || r.tokensPerExample() > 1_048_576)) {
            throw new IllegalArgumentException("tokens_per_example must be between 1 and 1048576");
        }
        if (r.gpus() != null && (r.gpus() < 1 || r.gpus() > 4096)) {
            throw new IllegalArgumentException("gpus must be between 1 and 4096");
        }
    }
}
