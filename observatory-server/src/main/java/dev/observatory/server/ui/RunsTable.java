package dev.observatory.server.ui;

import dev.observatory.core.Tracking;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The runs table's data: one page of runs with their flattened params and the latest value of chosen metrics. Sorts and
 * filters the store understands go to the store (one page read); sorting by user, duration or a param, and filtering by
 * a nested param, read the project's matching runs and sort them here.
 */
final class RunsTable {
    private static final int CHUNK = 1000;
    private final Tracking tracking;

    /** A page: the rows, the number of runs matching the filters, and the metric summaries of the rows. */
    record Page(List<Run> runs, long total, Map<String, Map<String, MetricSummary>> metrics) {
    }

    RunsTable(Tracking tracking) {
        this.tracking = tracking;
    }

    Page page(RunsRequest r) {
        tracking.getProject(r.project());
        long offset = (long) (r.page() - 1) * r.size();
        List<Run> runs;
        long total;
        if (r.storeCanAnswer()) {
            runs = tracking.store().runs().list(r.storeQuery(r.size(), offset));
            total = tracking.store().runs().count(r.storeQuery(r.size(), 0));
        } else {
            List<Run> all = sorted(r, matching(r));
            total = all.size();
            runs = offset >= all.size() ? List.of()
                    : all.subList((int) offset, (int) Math.min(all.size(), offset + r.size()));
        }
        List<String> ids = runs.stream().map(Run::id).toList();
        Map<String, Map<String, MetricSummary>> metrics = ids.isEmpty() || r.metricColumns().isEmpty() ? Map.of()
                : tracking.store().metrics().summaries(ids, r.metricColumns());
        return new Page(runs, total, metrics);
    }

    /** Every run matching the filters, in creation order (newest first). */
    private List<Run> matching(RunsRequest r) {
        List<Run> all = new ArrayList<>();
        for (long offset = 0;; offset += CHUNK) {
            List<Run> chunk = tracking.store().runs().list(r.storeQuery(CHUNK, offset));
            for (Run run : chunk) {
                if (nestedParamsMatch(r, run)) {
                    all.add(run);
                }
            }
            if (chunk.size() < CHUNK) {
                return all;
            }
        }
    }

    private static boolean nestedParamsMatch(RunsRequest r, Run run) {
        Map<String, Object> flat = null;
        for (Map.Entry<String, String> e : r.params().entrySet()) {
            if (e.getKey().contains(".")) {
                flat = flat == null ? Params.flatten(run.params()) : flat;
                if (!flat.containsKey(e.getKey()) || !Params.text(flat.get(e.getKey())).equals(e.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Sorts by the request's in-memory key (user, duration or a param path); missing values last either way. */
    private List<Run> sorted(RunsRequest r, List<Run> runs) {
        Instant now = tracking.clock().instant();
        String path = r.sort().startsWith("param:") ? r.sort().substring("param:".length()) : null;
        Function<Run, Object> key = switch (r.sort()) {
            case "user" -> Run::user;
            case "duration" -> run -> durationMs(run, now);
            default -> run -> Params.flatten(run.params()).get(path);
        };
        record Keyed(Run run, Object key) {
        }
        Comparator<Object> values = Params::compare;
        Comparator<Keyed> byKey = Comparator.comparing(Keyed::key,
                Comparator.nullsLast(r.descending() ? values.reversed() : values));
        return runs.stream().map(run -> new Keyed(run, key.apply(run))).sorted(byKey
                .thenComparing(k -> k.run().createdAt(), Comparator.reverseOrder()).thenComparing(k -> k.run().id()))
                .map(Keyed::run).toList();
    }

    /** Ended (or, while running, now) minus started; null when the run never started. */
    static Long durationMs(Run run, Instant now) {
        if (run.startedAt() == null) {
            return null;
        }
        Instant end = run.endedAt() != null ? run.endedAt() : run.status().terminal() ? run.startedAt() : now;
        return Math.max(0, Duration.between(run.startedAt(), end).toMillis());
    }
}
