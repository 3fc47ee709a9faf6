package dev.observatory.core.analysis;

import dev.observatory.model.MetricSummary;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which of a run's metrics an analysis looks at when the caller does not say: the primary training metric, its
 * evaluation counterpart and a throughput metric. Deterministic: the same keys always give the same choice.
 */
final class MetricChoice {
    private static final List<String> PRIMARY = List.of("train/loss", "loss", "train_loss", "training_loss",
            "train/epoch_loss");
    private static final List<String> REWARD_WORDS = List.of("episodic_return", "episode_reward", "episodic_reward",
            "mean_reward", "reward", "return");
    private static final List<String> EVAL_PREFIXES = List.of("eval/", "val/", "validation/", "test/", "eval_", "val_",
            "valid/");
    private static final List<String> THROUGHPUT_WORDS = List.of("per_sec", "per_second", "sps", "throughput",
            "it_per_s", "samples_s", "tokens_s");

    private MetricChoice() {
    }

    /** The primary metric: a training loss, else an RL return/reward, else any loss, else the longest series. */
    static Optional<String> primary(List<MetricSummary> summaries) {
        for (String k : PRIMARY) {
            if (has(summaries, k)) {
                return Optional.of(k);
            }
        }
        for (String word : REWARD_WORDS) {
            for (MetricSummary s : summaries) {
                if (leaf(s.key()).contains(word) && !isEval(s.key())) {
                    return Optional.of(s.key());
                }
            }
        }
        for (MetricSummary s : summaries) {
            String k = s.key().toLowerCase(Locale.ROOT);
            if (k.contains("loss") && !isEval(k) && !k.startsWith("losses/") && !k.startsWith("system/")) {
                return Optional.of(s.key());
            }
        }
        for (MetricSummary s : summaries) {
            if (s.key().toLowerCase(Locale.ROOT).contains("loss") && !s.key().startsWith("system/")) {
                return Optional.of(s.key());
            }
        }
        return summaries.stream().filter(s -> !s.key().startsWith("system/") && s.count() >= 3)
                .max(java.util.Comparator.comparingLong(MetricSummary::count)).map(MetricSummary::key);
    }

    /** Whether the primary metric is an RL return or reward. */
    static boolean isReward(String key) {
        String leaf = leaf(key);
        return REWARD_WORDS.stream().anyMatch(leaf::contains);
    }

    /** The evaluation counterpart of a training metric: {@code train/loss} -> {@code eval/loss} or {@code val/loss}. */
    static Optional<String> evalOf(String primary, List<MetricSummary> summaries) {
        String leaf = leaf(primary);
        for (String prefix : EVAL_PREFIXES) {
            String k = prefix + leaf;
            if (!k.equals(primary) && has(summaries, k)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** A throughput metric (samples/s, tokens/s, SPS), if the run logs one. */
    static Optional<String> throughput(List<MetricSummary> summaries) {
        for (MetricSummary s : summaries) {
            String leaf = leaf(s.key());
            if (THROUGHPUT_WORDS.stream().anyMatch(leaf::contains) && s.count() >= 3) {
                return Optional.of(s.key());
            }
        }
        return Optional.empty();
    }

    static boolean isEval(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return EVAL_PREFIXES.stream().anyMatch(k::startsWith);
    }

    static String leaf(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.substring(k.lastIndexOf('/') + 1);
    }

    private static boolean has(List<MetricSummary> summaries, String key) {
        return summaries.stream().anyMatch(s -> s.key().equals(key));
    }
}
