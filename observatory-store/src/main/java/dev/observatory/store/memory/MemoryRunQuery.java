package dev.observatory.store.memory;

import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import dev.observatory.store.RunQuery;
import dev.observatory.store.internal.ParamText;
import dev.observatory.store.internal.RunSort;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/** Filters, sorts and pages runs for one RunQuery. */
final class MemoryRunQuery {

    private final RunQuery q;
    private final MemoryMetrics metrics;
    private final RunSort sort;

    MemoryRunQuery(RunQuery q, MemoryMetrics metrics) {
        this.q = q;
        this.metrics = metrics;
        this.sort = RunSort.parse(q.sort());
    }

    List<Run> page(Collection<Run> runs) {
        return matching(runs).sorted(comparator()).skip(q.offset()).limit(q.limit()).toList();
    }

    long count(Collection<Run> runs) {
        return matching(runs).count();
    }

    static List<Run> search(Collection<Run> runs, String text, int limit) {
        String needle = text.toLowerCase(Locale.ROOT);
        return runs.stream()
                .filter(r -> contains(r.name(), needle) || r.tags().stream().anyMatch(t -> contains(t, needle)))
                .sorted(Comparator.comparing(Run::createdAt).reversed().thenComparing(Run::id)).limit(limit).toList();
    }

    private static boolean contains(String s, String lowerNeedle) {
        return s.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    private Stream<Run> matching(Collection<Run> runs) {
        return runs.stream().filter(this::matches);
    }

    private boolean matches(Run r) {
        if (q.project() != null && !q.project().equals(r.project())) {
            return false;
        }
        if (!q.statuses().isEmpty() && !q.statuses().contains(r.status())) {
            return false;
        }
        if (!r.tags().containsAll(q.tags())) {
            return false;
        }
        for (Map.Entry<String, String> p : q.params().entrySet()) {
            if (!r.params().containsKey(p.getKey()) || !ParamText.of(r.params().get(p.getKey())).equals(p.getValue())) {
                return false;
            }
        }
        if (q.nameContains() != null && !contains(r.name(), q.nameContains().toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (RunQuery.MetricFilter f : q.metricFilters()) {
            MetricSummary s = metrics.summary(r.id(), f.key());
            if (s == null || !holds(Double.compare(s.last(), f.value()), f.op())) {
                return false;
            }
        }
        return true;
    }

    /** Compares like SQL engines do on doubles: NaN equals NaN and is greater than any number. */
    private static boolean holds(int cmp, String op) {
        return switch (op) {
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "=" -> cmp == 0;
            case "!=" -> cmp != 0;
            default -> throw new IllegalArgumentException("unknown operator " + op);
        };
    }

    private Comparator<Run> comparator() {
        Comparator<Run> primary = sort.byMetric() ? nullsLast(this::latest, Double::compare)
                : switch (sort.attribute()) {
                    case "name" -> nullsLast(Run::name, String::compareTo);
                    case "status" -> nullsLast(r -> r.status().wire(), String::compareTo);
                    case "started_at" -> nullsLast(Run::startedAt, Instant::compareTo);
                    case "ended_at" -> nullsLast(Run::endedAt, Instant::compareTo);
                    default -> nullsLast(Run::createdAt, Instant::compareTo);
                };
        return primary.thenComparing(Run::id);
    }

    private Double latest(Run r) {
        MetricSummary s = metrics.summary(r.id(), sort.metricKey());
        return s == null ? null : s.last();
    }

    /** Missing values sort last in both directions. */
    private <T> Comparator<Run> nullsLast(Function<Run, T> key, Comparator<T> order) {
        Comparator<T> directed = q.descending() ? order.reversed() : order;
        return Comparator.comparing(key, Comparator.nullsLast(directed));
    }
}
