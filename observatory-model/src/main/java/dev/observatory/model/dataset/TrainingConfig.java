package dev.observatory.model.dataset;

import java.time.Instant;

/**
 * One stored version of a named training configuration. Versions of a name start at 1 and grow by one with every save;
 * a saved version never changes.
 *
 * @param template
 *            the template whose JSON Schema the content is validated against (e.g. {@code lora-finetune})
 * @param format
 *            {@code yaml} or {@code json}: how {@code content} is written
 * @param content
 *            the configuration text as saved
 */
public record TrainingConfig(String name, int version, String template, String format, String content,
        String description, Instant created) {
}
