package dev.observatory.core.dataset;

import java.util.List;

/**
 * The diagnosis of a dataset folder.
 *
 * @param kind
 *            image, text, mixed, or empty
 * @param files
 *            files looked at (hidden folders such as the quarantine excluded)
 * @param images
 *            the image part; null when the folder has no images
 * @param text
 *            the JSONL/CSV/TSV part; null when the folder has none
 * @param findings
 *            one line per problem found, most serious first; empty when none
 */
public record DatasetDiagnosis(String path, String kind, long files, ImageReport images, TextReport text,
        List<String> findings, long durationMs) {
}
