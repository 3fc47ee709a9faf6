package dev.observatory.store;

import dev.observatory.model.LogLine;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * {@link #query} for many runs at once: runId -> its matching lines (seq ascending, the last {@code limit} of each
     * run), every given run present (an empty list for an unknown run or one without matching lines). For comparisons
     * over many runs: an implementation may answer in one statement; the default queries run by run.
     */
    default Map<String, List<LogLine>> queryRuns(Collection<String> runIds, LogQuery query) {
        Map<String, List<LogLine>> out = new LinkedHashMap<>();
        for (String runId : runIds) {
            out.computeIfAbsent(runId, id -> query(id, query));
        }
        return out;
    }
}
