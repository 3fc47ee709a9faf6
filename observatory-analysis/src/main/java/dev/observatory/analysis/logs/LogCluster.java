package dev.observatory.analysis.logs;

/**
 * Lines that share a signature (their text with numbers, hex, ids and paths replaced by placeholders).
 *
 * @param signature
 *            the normalised text, e.g. {@code "CUDA out of memory. Tried to allocate <num> GiB"}
 * @param category
 *            "oom", "nan", "error" or "warning"
 * @param level
 *            the most severe level seen: "error" or "warning"
 * @param count
 *            number of lines
 * @param firstPosition
 *            position (step or line number) of the first line
 * @param lastPosition
 *            position of the last line
 * @param example
 *            the first line's text (at most 300 characters)
 */
public record LogCluster(String signature, String category, String level, int count, long firstPosition,
        long lastPosition, String example) {
}
