package dev.observatory.model.slo;

import java.util.Objects;

/** The spans of a selector that started in [fromNanos, toNanos) (epoch nanoseconds). */
public record SliQuery(SliSelector selector, long fromNanos, long toNanos) {

    public SliQuery {
        Objects.requireNonNull(selector, "selector");
        if (toNanos < fromNanos) {
            throw new IllegalArgumentException("SLI window ends before it starts");
        }
    }
}
