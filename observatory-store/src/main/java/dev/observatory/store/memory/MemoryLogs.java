package dev.observatory.store.memory;

import dev.observatory.model.LogLine;
import dev.observatory.store.LogQuery;
import dev.observatory.store.LogStore;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.internal.LogLevels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Log lines per run in seq order; one lock. */
final class MemoryLogs implements LogStore {

    private final InMemoryStorage.MemoryClock clock;
    private final MemoryRuns runs;
    private final Map<String, List<LogLine>> byRun = new HashMap<>();

    MemoryLogs(InMemoryStorage.MemoryClock clock, MemoryRuns runs) {
        this.clock = clock;
        this.runs = runs;
    }

    @Override
    public synchronized void append(String runId, List<LogLine> lines) {
        if (!runs.exists(runId)) {
            throw new NotFoundException("run '" + runId + "' does not exist");
        }
        List<LogLine> log = byRun.computeIfAbsent(runId, id -> new ArrayList<>());
        for (LogLine l : lines) {
            long seq = log.size() + 1L;
            var at = l.at() == null ? clock.now() : InMemoryStorage.truncate(l.at());
            log.add(new LogLine(runId, seq, at, l.stream(), l.level(), l.text()));
        }
    }

    @Override
    public synchronized List<LogLine> query(String runId, LogQuery q) {
        String grep = q.grep() == null ? null : q.grep().toLowerCase(Locale.ROOT);
        int minLevel = q.level() == null ? Integer.MIN_VALUE : LogLevels.ofFilter(q.level());
        List<LogLine> out = new ArrayList<>();
        List<LogLine> log = byRun.getOrDefault(runId, List.of());
        for (int i = log.size() - 1; i >= 0 && out.size() < q.limit(); i--) {
            LogLine l = log.get(i);
            if (l.seq() < q.beforeSeq() && (q.stream() == null || q.stream().equals(l.stream()))
                    && LogLevels.ofLine(l.level()) >= minLevel
                    && (grep == null || l.text().toLowerCase(Locale.ROOT).contains(grep))) {
                out.add(l);
            }
        }
        Collections.reverse(out);
        return out;
    }

    @Override
    public synchronized long lineCount(String runId) {
        return byRun.getOrDefault(runId, List.of()).size();
    }
}
