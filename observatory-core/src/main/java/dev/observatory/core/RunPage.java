package dev.observatory.core;

import java.util.List;

/** A page of the runs table. {@code nextCursor} null on the last page; {@code total} matches the filters. */
public record RunPage(List<RunRow> rows, String nextCursor, long total) {
}
