package dev.observatory.model.dataset;

/**
 * A training configuration to save as the next version of its name; the store assigns the version and creation time.
 * Input is validated by the caller (core).
 */
public record NewTrainingConfig(String name, String template, String format, String content, String description) {
}
