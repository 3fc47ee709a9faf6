package dev.observatory.store.memory;

import dev.observatory.model.eval.EvalAggregate;
import dev.observatory.model.eval.EvalMetricCount;
import dev.observatory.model.eval.EvalQuery;
import dev.observatory.model.eval.EvalResult;
import dev.observatory.model.eval.EvalSubject;
import dev.observatory.store.ConflictException;
import dev.observatory.store.EvalStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Evaluation results in a list under one lock, with an id index. */
final class MemoryEvals implements EvalStore {
    static final Comparator<EvalResult> ORDER = Comparator.comparing(EvalResult::subject)
            .thenComparing(EvalResult::evalName).thenComparing(EvalResult::metric).thenComparing(EvalResult::recordedAt)
            .thenComparing(EvalResult::id);

    private final List<EvalResult> rows = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    @Override
    public synchronized void append(List<EvalResult> results) {
        Set<String> batch = new HashSet<>();
        for (EvalResult r : results) {
            if (ids.contains(r.id()) || !batch.add(r.id())) {
                throw new ConflictException("evaluation result " + r.id() + " exists already");
            }
        }
        for (EvalResult r : results) {
            rows.add(new EvalResult(r.id(), r.subject(), r.evalName(), r.metric(), r.value(), r.episode(), r.seed(),
                    r.step(), Instant.ofEpochMilli(r.recordedAt().toEpochMilli())));
        }
        ids.addAll(batch);
    }

    @Override
    public synchronized List<EvalResult> list(EvalQuery q) {
        return matching(q).sorted(ORDER).skip(q.offset()).limit(q.limit()).toList();
    }

    @Override
    public synchronized long count(EvalQuery q) {
        return matching(q).count();
    }

    @Override
    public synchronized List<EvalMetricCount> metrics(EvalQuery q) {
        Map<String, Map<String, List<EvalResult>>> groups = new TreeMap<>();
        matching(q).forEach(r -> groups.computeIfAbsent(r.evalName(), k -> new TreeMap<>())
                .computeIfAbsent(r.metric(), k -> new ArrayList<>()).add(r));
        List<EvalMetricCount> out = new ArrayList<>();
        groups.forEach((eval, byMetric) -> byMetric.forEach((metric, rs) -> out.add(new EvalMetricCount(eval, metric,
                rs.size(), rs.stream().map(EvalResult::subject).distinct().count()))));
        return out;
    }

    @Override
    public synchronized List<EvalSubject> subjects(EvalQuery q) {
        TreeSet<EvalSubject> distinct = new TreeSet<>();
        matching(q).forEach(r -> distinct.add(r.subject()));
        return distinct.stream().skip(q.offset()).limit(q.limit()).toList();
    }

    @Override
    public synchronized List<EvalAggregate> aggregates(EvalQuery q) {
        List<EvalResult> sorted = matching(q).sorted(ORDER).toList();
        List<EvalAggregate> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            EvalResult first = sorted.get(i);
            int j = i;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            while (j < sorted.size() && sorted.get(j).subject().equals(first.subject())
                    && sorted.get(j).evalName().equals(first.evalName())
                    && sorted.get(j).metric().equals(first.metric())) {
                double v = sorted.get(j).value();
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                j++;
            }
            out.add(new EvalAggregate(first.subject(), first.evalName(), first.metric(), j - i, sum / (j - i), min, max,
                    sorted.get(j - 1).value()));
            i = j;
        }
        return out.stream().skip(q.offset()).limit(q.limit()).toList();
    }

    private Stream<EvalResult> matching(EvalQuery q) {
        Set<EvalSubject> subjects = new HashSet<>(q.subjects());
        Set<String> evals = new HashSet<>(q.evalNames());
        return rows.stream().filter(r -> subjects.isEmpty() || subjects.contains(r.subject()))
                .filter(r -> evals.isEmpty() || evals.contains(r.evalName()))
                .filter(r -> q.metric() == null || q.metric().equals(r.metric()));
    }
}
