package dev.observatory.core.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nested run configurations as the trainers of each kind would record them. */
final class DemoParams {

    private DemoParams() {
    }

    /** An insertion-ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** Hugging Face fine-tuning config; {@code loraRank} 0 means full fine-tuning. */
    static Map<String, Object> llm(String model, int layers, int hidden, int loraRank, double lr, int warmup,
            int batchSize, int seqLen, String dataset, int seed) {
        Map<String, Object> modelCfg = map("name", model, "layers", layers, "hidden", hidden, "heads",
                hidden / 64 >= 32 ? 32 : hidden / 64, "gradient_checkpointing", true);
        if (loraRank > 0) {
            modelCfg.put("lora", map("r", loraRank, "alpha", loraRank * 2, "dropout", 0.05, "target_modules",
                    List.of("q_proj", "k_proj", "v_proj", "o_proj")));
        }
        return map(
                "model", modelCfg, "optimizer", map("name", "adamw_torch_fused", "lr", lr, "betas", List.of(0.9, 0.999),
                        "eps", 1e-8, "weight_decay", 0.0),
                "scheduler", map("name", "cosine", "warmup_steps", warmup, "min_lr_ratio", 0.1), "data",
                map("dataset", dataset, "num_examples", examples(dataset), "max_seq_len", seqLen, "packing",
                        seqLen > 2048, "num_workers", 8),
                "batch_size", batchSize, "per_device_batch_size", 4, "gradient_accumulation_steps",
                Math.max(1, batchSize / 32), "precision", "bf16", "epochs", 3, "seed", seed);
    }

    /** Training examples used from a fine-tuning dataset (OpenHermes: a 250k subset). */
    static int examples(String dataset) {
        return switch (dataset) {
            case "tatsu-lab/alpaca" -> 52_002;
            case "teknium/OpenHermes-2.5" -> 250_000;
            default -> 25_600_000;
        };
    }

    /** Lightning image-classification config. */
    static Map<String, Object> vision(String arch, int layers, String dataset, double lr, int batchSize, int epochs,
            double labelSmoothing, int seed) {
        boolean imagenet = dataset.startsWith("imagenet");
        return map("model",
                map("name", arch, "layers", layers, "hidden", layers >= 50 ? 2048 : 512, "pretrained", false,
                        "zero_init_residual", true),
                "optimizer",
                map("name", "sgd", "lr", lr, "momentum", 0.9, "nesterov", true, "weight_decay", imagenet ? 1e-4 : 5e-4),
                "scheduler", map("name", "cosine", "warmup_epochs", imagenet ? 5 : 1), "data",
                map("dataset", dataset, "image_size", imagenet ? 224 : 32, "augment",
                        imagenet ? List.of("random_resized_crop", "hflip") : List.of("random_crop", "hflip"),
                        "num_workers", 8),
                "label_smoothing", labelSmoothing, "batch_size", batchSize, "epochs", epochs, "precision", "16-mixed",
                "seed", seed);
    }

    /** CleanRL-style agent config. */
    static Map<String, Object> rl(String algo, String env, double lr, int numEnvs, long totalTimesteps, int seed) {
        boolean atari = env.endsWith("NoFrameskip-v4");
        Map<String, Object> algoCfg = algo.equals("ppo")
                ? map("clip_coef", atari ? 0.1 : 0.2, "ent_coef", atari ? 0.01 : 0.0, "vf_coef", 0.5, "gamma", 0.99,
                        "gae_lambda", 0.95, "num_steps", 128, "update_epochs", 4, "norm_adv", true)
                : map("gamma", 0.99, "tau", 0.005, "policy_frequency", 2, "learning_starts", 5000, "buffer_size",
                        1_000_000);
        return map("env", map("id", env, "num_envs", numEnvs, "frame_stack", atari ? 4 : 1), "algo", algo, "optimizer",
                map("name", "adam", "lr", lr, "betas", List.of(0.9, 0.999), "eps", 1e-5), "model",
                map("layers", atari ? 3 : 2, "hidden", atari ? 512 : 256, "encoder", atari ? "nature_cnn" : "mlp"),
                algo, algoCfg, "total_timesteps", totalTimesteps, "batch_size", numEnvs * 128, "seed", seed);
    }
}
