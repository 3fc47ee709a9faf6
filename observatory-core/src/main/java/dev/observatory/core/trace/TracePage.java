package dev.observatory.core.trace;

import dev.observatory.model.trace.TraceSummary;
import java.util.List;

/** A page of traces; {@code nextCursor} is null on the last page. */
public record TracePage(List<TraceSummary> items, String nextCursor) {

    public TracePage {
        items = List.copyOf(items);
    }
}
