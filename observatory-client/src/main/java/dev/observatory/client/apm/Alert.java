package dev.observatory.client.apm;

/** A snapshot value over its threshold: e.g. {@code fallback_rate} 0.4 > 0.1 over the last {@code calls} calls. */
public record Alert(String name, double value, double threshold, long calls) {
}
