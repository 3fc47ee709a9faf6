package dev.observatory.core.analysis;

import dev.observatory.analysis.Direction;
import dev.observatory.core.RunListRequest;
import dev.observatory.core.RunRow;
import dev.observatory.core.Tracking;
import dev.observatory.model.LogLine;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.store.RunQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** compare_runs and the baseline comparison of observability; every run is analysed with {@link RunFacts#light}. */
final class Comparer {
    static final int MAX_RUNS = 50;
    private final Tracking tracking;

    Comparer(Tracking tracking) {
        this.tracking = tracking;
    }

    RunComparison compare(List<String> runIds, String metric, Direction direction, String rankBy) {
        if (runIds == null || runIds.size() < 2 || runIds.size() > MAX_RUNS) {
            throw new IllegalArgumentException(
                    "compare 2 to " + MAX_RUNS + " runs, got " + (runIds == null ? 0 : runIds.size()));
        }
        Set<String> seen = new HashSet<>();
        for (String id : runIds) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("run " + id + " is listed twice: list each run once");
            }
        }
        if (!"last".equals(rankBy) && !"best".equals(rankBy)) {
            throw new IllegalArgumentException("rank_by must be 'last' or 'best', got '" + rankBy + "'");
        }
        Map<String, Run> runs = new LinkedHashMap<>();
        runIds.forEach(id -> runs.put(id, tracking.getRun(id)));
        Map<String, List<MetricSummary>> summaries = new LinkedHashMap<>();
        runIds.forEach(id -> summaries.put(id, tracking.metricSummaries(id)));
        String key = metric != null ? metric
                : MetricChoice.primary(summaries.get(runIds.getFirst())).orElseThrow(() -> new IllegalArgumentException(
                        "run " + runIds.getFirst() + " has no metric to rank by; pass metric="));
        List<String> missing = new ArrayList<>();
        for (String id : runIds) {
            if (summaries.get(id).stream().noneMatch(s -> s.key().equals(key))) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("mismatched runs: " + missing + " have no metric '" + key
                    + "'; compare runs that log the same metric, or pass metric= with a key every run has");
        }
        Direction dir = direction != null ? direction : Direction.infer(key);
        SeriesReader reader = new SeriesReader(tracking);
        Map<String, MetricSummary> primaryByRun = new LinkedHashMap<>();
        runIds.forEach(id -> primaryByRun.put(id, Checks.summary(id, summaries.get(id), key)));
        Map<String, SeriesData> primary = RunFacts.lightPrimary(reader, primaryByRun);
        Map<String, SeriesData> throughput = RunFacts.lightThroughput(reader, summaries);
        Map<String, List<LogLine>> errors = RunFacts.lightErrors(tracking, runIds);
        List<Entry> entries = new ArrayList<>(Parallel.map(runIds, id -> {
            RunFacts f = RunFacts.light(tracking, runs.get(id), summaries.get(id), key, dir, primary.get(id),
                    throughput.get(id), errors.get(id));
            MetricSummary s = Checks.summary(id, f.summaries, key);
            double v = "last".equals(rankBy) ? s.last() : dir == Direction.LOWER_IS_BETTER ? s.min() : s.max();
            Scores scores = Scoring.scores(f);
            return new Entry(f, Double.isFinite(v) ? v : null, scores, Scoring.health(scores, Scoring.bottlenecks(f)));
        }));
        entries.sort(Comparator.comparing((Entry e) -> e.value == null)
                .thenComparingDouble(e -> e.value == null ? 0 : -dir.sign() * e.value)
                .thenComparingDouble(e -> -e.scores.overall()));
        Entry win = entries.getFirst();
        if (win.value == null) {
            throw new IllegalArgumentException("no run has a finite value of '" + key + "' to rank on");
        }
        List<RunComparison.RankedRun> ranking = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            ranking.add(new RunComparison.RankedRun(i + 1, e.f.run.id(), e.f.run.name(), e.f.run.status().wire(),
                    e.value, e.scores, e.health, i == 0 ? null : delta(e, win)));
        }
        return new RunComparison(key, dir, rankBy, entries.size(),
                new RunComparison.Winner(win.f.run.id(), win.f.run.name(), win.value), ranking, BandSource.ABSOLUTE_V1);
    }

    private static RunComparison.Delta delta(Entry e, Entry win) {
        BandSource b = BandSource.ABSOLUTE_V1;
        Map<String, Double> comps = new LinkedHashMap<>();
        comps.put("convergence", Scoring.r1(e.scores.convergence() - win.scores.convergence()));
        comps.put("stability", Scoring.r1(e.scores.stability() - win.scores.stability()));
        comps.put("speed", Scoring.r1(e.scores.speed() - win.scores.speed()));
        Map<String, String> bands = new LinkedHashMap<>();
        comps.forEach((k, v) -> bands.put(k, b.band(v)));
        double total = Scoring.r1(e.scores.overall() - win.scores.overall());
        return new RunComparison.Delta(total, b.band(total), comps, bands, e.value == null ? null : e.value - win.value,
                b);
    }

    private record Entry(RunFacts f, Double value, Scores scores, String health) {
    }

    TrainingObservability.BaselineComparison baseline(RunFacts f, Scores own, int limit) {
        String key = f.primaryKey;
        boolean higher = f.direction == Direction.HIGHER_IS_BETTER;
        RunQuery q = new RunQuery(f.run.project(), Set.of(RunStatus.FINISHED), null, null, null, null, "metric:" + key,
                higher, limit + 1, 0);
        List<RunRow> rows = new ArrayList<>();
        for (RunRow row : tracking.listRuns(new RunListRequest(q, List.of(key), null, limit + 1)).rows()) {
            if (!row.run().id().equals(f.run.id()) && row.metrics().get(key) != null && rows.size() < limit) {
                rows.add(row);
            }
        }
        List<TrainingObservability.BaselineRun> runs = Parallel.map(rows, row -> {
            MetricSummary s = row.metrics().get(key);
            Double score;
            try {
                score = Scoring.scores(RunFacts.light(tracking, row.run().id(), key, f.direction)).overall();
            } catch (IllegalArgumentException e) {
                score = null;
            }
            return new TrainingObservability.BaselineRun(row.run().id(), row.run().name(),
                    Double.isFinite(s.last()) ? s.last() : null, score);
        });
        MetricSummary mine = Checks.summary(f.run.id(), f.summaries, key);
        double last = mine.last();
        int rank = 1;
        Double best = null;
        for (var r : runs) {
            if (r.value() != null && (!Double.isFinite(last) || f.direction.sign() * (r.value() - last) > 0)) {
                rank++;
            }
            if (r.value() != null && (best == null || f.direction.sign() * (r.value() - best) > 0)) {
                best = r.value();
            }
        }
        Double delta = best == null || !Double.isFinite(last) ? null : last - best;
        String verdict = rank == 1 ? "best"
                : delta != null && Math.abs(delta) <= 0.05 * Math.abs(best) ? "within_5_percent" : "behind";
        return new TrainingObservability.BaselineComparison(key, limit, runs, rank, delta, verdict);
    }
}
