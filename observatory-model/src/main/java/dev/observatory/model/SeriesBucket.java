package dev.observatory.model;

/**
 * One bucket of an M4-downsampled series: the first, last, min and max points of the bucket (by step). A chart draws
 * these four points per pixel column and looks exactly like the full series. {@code count} is the points in the bucket;
 * {@code nanCount} how many of them were NaN or infinite (those are excluded from min/max).
 */
public record SeriesBucket(long firstStep, double first, long lastStep, double last, long minStep, double min,
        long maxStep, double max, long count, long nanCount) {
}
