package dev.observatory.store;

import dev.observatory.model.LogLine;
import java.util.List;

/** Run log lines. */
public interface LogStore {

    /**
     * Appends lines to a run's log, assigning increasing seq numbers (the seq and runId of the given records are
     * ignored). Durable on return. NotFoundException for an unknown run.
     */
    void append(String runId, List<LogLine> lines);

    /** Matching lines ordered by seq ascending (the last {@code limit} of them). */
    List<LogLine> query(String runId, LogQuery query);

    long lineCount(String runId);
}
