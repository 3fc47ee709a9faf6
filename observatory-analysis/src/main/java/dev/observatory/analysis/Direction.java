package dev.observatory.analysis;

import java.util.Locale;
import java.util.Set;

/**
 * Which way a metric improves. {@link #infer(String)} reads it from the metric name; callers may always override.
 */
public enum Direction {
    /** Smaller is better: loss, error, perplexity, latency. */
    LOWER_IS_BETTER,
    /** Larger is better: accuracy, reward, F1, AUC. */
    HIGHER_IS_BETTER;

    private static final Set<String> LOWER = Set.of("loss", "losses", "error", "errors", "err", "perplexity", "ppl",
            "mse", "mae", "rmse", "nll", "cost", "wer", "cer", "regret", "latency", "kl", "divergence", "entropy",
            "bpb", "bpc", "distance", "dist", "penalty", "misclassification", "fid");
    private static final Set<String> HIGHER = Set.of("accuracy", "acc", "reward", "rewards", "return", "returns", "f1",
            "precision", "recall", "auc", "auroc", "roc", "bleu", "rouge", "score", "iou", "map", "success", "win",
            "winrate", "top1", "top5", "ndcg", "mrr", "r2", "psnr", "ssim", "throughput", "hit", "hits", "correct",
            "pass");

    /** Infers the direction from a metric name; a name with no known word is taken as a loss (lower is better). */
    public static Direction infer(String metricName) {
        return infer(metricName, LOWER_IS_BETTER);
    }

    /**
     * Infers the direction from the words of a metric name ({@code val/loss}, {@code eval_accuracy},
     * {@code episodeReward}). Words meaning "lower is better" win over words meaning "higher is better" (so
     * {@code reward_loss} is a loss); a name with neither gives {@code fallback}.
     */
    public static Direction infer(String metricName, Direction fallback) {
        if (metricName == null || metricName.isBlank()) {
            return fallback;
        }
        String spaced = metricName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        String[] words = spaced.split("[^a-z0-9]+");
        boolean higher = false;
        for (String w : words) {
            if (LOWER.contains(w)) {
                return LOWER_IS_BETTER;
            }
            higher |= HIGHER.contains(w);
        }
        return higher ? HIGHER_IS_BETTER : fallback;
    }

    /** +1 when larger values are better, -1 when smaller values are better. */
    public int sign() {
        return this == HIGHER_IS_BETTER ? 1 : -1;
    }
}
