package dev.observatory.core.analysis;

/**
 * What to do about a bottleneck.
 *
 * @param title
 *            the action in a few words
 * @param priority
 *            "high", "medium" or "low"
 * @param detail
 *            why and how
 * @param addresses
 *            the bottleneck code it answers
 */
public record Recommendation(String title, String priority, String detail, String addresses) {
}
