package dev.observatory.analysis.checkpoints;

/**
 * A key recognised as (part of) a checkpoint.
 *
 * @param key
 *            the key or path as given
 * @param group
 *            the checkpoint it belongs to: the folder key ending in '/' for folder layouts
 *            ({@code .../checkpoint-500/}), else the key itself; files of one folder checkpoint share it
 * @param step
 *            training step, null when the layout names none
 * @param epoch
 *            epoch, null when the layout names none
 * @param format
 *            the file's format (FOLDER for a folder key, OTHER for a non-weights file inside a checkpoint folder)
 * @param layout
 *            which convention matched: {@code hf_checkpoint_folder}, {@code step_folder}, {@code epoch_folder},
 *            {@code lightning}, {@code step_file}, {@code epoch_file}, {@code numbered_file}, {@code gguf},
 *            {@code named} (last/best/final)
 */
public record CheckpointMatch(String key, String group, Long step, Integer epoch, CheckpointFormat format,
        String layout) {

    /** Whether this file holds weights (false for optimizer/trainer files inside a folder and the folder itself). */
    public boolean weights() {
        return format.weights() && !isOptimizerState();
    }

    private boolean isOptimizerState() {
        String name = key.substring(key.lastIndexOf('/', key.length() - 2) + 1).toLowerCase(java.util.Locale.ROOT);
        return name.startsWith("optimizer") || name.startsWith("scheduler") || name.startsWith("rng_state")
                || name.startsWith("training_args") || name.startsWith("scaler");
    }
}
