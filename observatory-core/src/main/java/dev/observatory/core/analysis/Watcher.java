package dev.observatory.core.analysis;

import dev.observatory.core.MetricHistory;
import dev.observatory.core.Tracking;
import dev.observatory.model.LogLine;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import dev.observatory.model.SeriesBucket;
import dev.observatory.store.LogQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * watch_run: the last {@code window} raw points of each metric (read by offset, no full scan) and, with a since step,
 * the value then (the last point of an M4 bucket over [first, since]), the points added after it (counted by one M4
 * bucket over (since, last]) and the ERROR log lines logged after it.
 */
final class Watcher {
    private final Tracking tracking;

    Watcher(Tracking tracking, SeriesReader reader) {
        this.tracking = tracking;
    }

    WatchReport watch(String runId, List<String> metrics, Long sinceStep, int window) {
        Checks.range("window", window, 10, 1000);
        Run run = tracking.getRun(runId);
        List<MetricSummary> summaries = Checks.summaries(tracking, runId);
        List<String> keys = metrics == null || metrics.isEmpty()
                ? List.of(MetricChoice.primary(summaries).orElse(summaries.getFirst().key()))
                : metrics;
        if (keys.size() > 10) {
            throw new IllegalArgumentException("watch at most 10 metrics at once, got " + keys.size());
        }
        List<WatchReport.Watched> out = new ArrayList<>();
        Long next = null;
        Long sinceMs = null;
        for (String k : keys) {
            MetricSummary s = Checks.summary(runId, summaries, k);
            List<MetricPoint> tail = tracking.store().metrics().read(runId, k, Long.MIN_VALUE, Long.MAX_VALUE,
                    Math.max(0, s.count() - window), window);
            List<CurveReport.CurvePoint> pts = tail.stream().map(p -> new CurveReport.CurvePoint(p.step(), p.value()))
                    .toList();
            Double atSince = null;
            int added = 0;
            int nonFinite = 0;
            if (sinceStep != null && sinceStep >= s.firstStep()) {
                MetricHistory before = tracking.history(runId, k, s.firstStep(), sinceStep, 1);
                SeriesBucket b = before.buckets().isEmpty() ? null : before.buckets().getFirst();
                atSince = b == null ? null : b.last();
                if (b != null && sinceMs == null) {
                    List<MetricPoint> p = tracking.store().metrics().read(runId, k, Long.MIN_VALUE, sinceStep,
                            b.count() - 1, 1);
                    sinceMs = p.isEmpty() ? null : p.getFirst().timestampMs();
                }
            }
            if (sinceStep != null && sinceStep < s.lastStep()) {
                MetricHistory after = tracking.history(runId, k, Math.max(sinceStep + 1, s.firstStep()), s.lastStep(),
                        1);
                for (SeriesBucket b : after.buckets()) {
                    added += (int) b.count();
                    nonFinite += (int) b.nanCount();
                }
            }
            double latest = s.last();
            Double change = atSince == null || !Double.isFinite(latest) || !Double.isFinite(atSince) ? null
                    : latest - atSince;
            Double rel = change == null || atSince == 0 ? null : change / Math.abs(atSince);
            out.add(new WatchReport.Watched(k, s.count(), s.lastStep(), latest, atSince, change, rel, added, nonFinite,
                    false, pts));
            next = next == null ? s.lastStep() : Math.max(next, s.lastStep());
        }
        int newErrors = 0;
        if (sinceMs != null) {
            for (LogLine l : tracking.logs(runId, new LogQuery(null, "ERROR", null, Long.MAX_VALUE, 1000))) {
                newErrors += l.at() != null && l.at().toEpochMilli() > sinceMs ? 1 : 0;
            }
        }
        return new WatchReport(RunRef.of(run), sinceStep, next, out, newErrors,
                run.heartbeatAt() == null ? null : run.heartbeatAt().toString());
    }
}
