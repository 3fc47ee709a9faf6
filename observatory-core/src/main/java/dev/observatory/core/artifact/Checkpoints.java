package dev.observatory.core.artifact;

import dev.observatory.core.Tracking;
import dev.observatory.model.MetricPoint;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Page;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.ArtifactQuery;
import dev.observatory.model.artifact.ArtifactUsage;
import dev.observatory.store.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoints (artifacts of kind checkpoint) of runs: listing by step, choosing the best one, the metric values at each
 * checkpoint, progression and comparison across runs. A metric's value "at" a checkpoint is the point logged at the
 * checkpoint's step, or else the last one before it (evaluation metrics are usually logged at save steps).
 */
public final class Checkpoints {
    /** Most checkpoints of one run that analyses read. */
    public static final int MAX_ANALYZED = 100_000;
    private static final int READ_PAGE = 100_000;

    private final Tracking tracking;
    private final Artifacts artifacts;

    public Checkpoints(Tracking tracking) {
        this.tracking = tracking;
        this.artifacts = new Artifacts(tracking);
    }

    /** A page of a run's checkpoints by step (newest first when asked), optionally within a step range. */
    public Page<Artifact> list(String runId, Long minStep, Long maxStep, boolean newestFirst, int limit,
            String cursor) {
        return artifacts.list(query(runId, minStep, maxStep, ArtifactQuery.Sort.STEP, newestFirst, limit), cursor);
    }

    private static ArtifactQuery query(String runId, Long minStep, Long maxStep, ArtifactQuery.Sort sort, boolean desc,
            int limit) {
        return new ArtifactQuery(runId, null, ArtifactKind.CHECKPOINT, null, minStep, maxStep, sort, desc, limit, 0);
    }

    /** Every checkpoint of a run by step (up to {@link #MAX_ANALYZED}). */
    public List<Artifact> all(String runId) {
        tracking.getRun(runId);
        return tracking.store().artifacts()
                .list(query(runId, null, null, ArtifactQuery.Sort.STEP, false, MAX_ANALYZED));
    }

    /** Count, bytes and step/epoch ranges of a run's checkpoints (or a project's, or all when both are null). */
    public ArtifactUsage statistics(String runId, String project) {
        ArtifactQuery q = new ArtifactQuery(runId, project, ArtifactKind.CHECKPOINT, null, null, null, null, false, 1,
                0);
        return artifacts.usage(q, ArtifactUsage.GroupBy.NONE).get(0);
    }

    /**
     * The value of a metric at each checkpoint that has a step (by artifact id); checkpoints before the metric's first
     * point have none. NotFoundException when the run has no such metric.
     */
    public Map<String, CheckpointMetric> metricAt(String runId, String key, List<Artifact> checkpoints) {
        MetricSummary s = tracking.metricSummary(runId, key);
        List<Artifact> stepped = checkpoints.stream().filter(a -> a.step() != null)
                .sorted(Comparator.comparing(Artifact::step)).toList();
        Map<String, CheckpointMetric> out = new HashMap<>();
        if (stepped.isEmpty() || s.count() == 0) {
            return out;
        }
        long to = stepped.get(stepped.size() - 1).step();
        MetricPoint last = null;
        int i = 0;
        long offset = 0;
        while (i < stepped.size()) {
            List<MetricPoint> page = tracking.store().metrics().read(runId, key, s.firstStep(), to, offset, READ_PAGE);
            for (MetricPoint p : page) {
                while (i < stepped.size() && stepped.get(i).step() < p.step()) {
                    put(out, key, stepped.get(i++), last);
                }
                last = p;
            }
            offset += page.size();
            if (page.size() < READ_PAGE) {
                break;
            }
        }
        while (i < stepped.size()) {
            put(out, key, stepped.get(i++), last);
        }
        return out;
    }

    private static void put(Map<String, CheckpointMetric> out, String key, Artifact a, MetricPoint p) {
        if (p != null) {
            out.put(a.id(), new CheckpointMetric(key, p.value(), p.step(), p.step() == a.step()));
        }
    }

    /**
     * The best checkpoint of a run by the criterion; for METRIC the one whose metric value (at its step) is lowest
     * ({@code minimize}) or highest, ignoring NaN and infinite values; ties go to the earlier step. NotFoundException
     * when the run has no checkpoints (or none with a value of the metric).
     */
    public BestCheckpoint best(String runId, BestCheckpoint.Criterion criterion, String metricKey, boolean minimize) {
        tracking.getRun(runId);
        long count = artifacts.count(query(runId, null, null, ArtifactQuery.Sort.STEP, false, 1));
        if (count == 0) {
            throw new NotFoundException("run " + runId + " has no checkpoints: upload them as artifacts of kind"
                    + " checkpoint or find them with register_checkpoints");
        }
        if (criterion == BestCheckpoint.Criterion.METRIC) {
            if (metricKey == null || metricKey.isBlank()) {
                throw new IllegalArgumentException("criterion metric needs a metric key, e.g. metric=\"eval/loss\"");
            }
            return byMetric(runId, metricKey, minimize);
        }
        ArtifactQuery q = switch (criterion) {
            case LATEST -> query(runId, null, null, ArtifactQuery.Sort.STEP, true, 1);
            case EARLIEST -> query(runId, null, null, ArtifactQuery.Sort.STEP, false, 1);
            case LARGEST -> query(runId, null, null, ArtifactQuery.Sort.SIZE, true, 1);
            default -> query(runId, null, null, ArtifactQuery.Sort.SIZE, false, 1);
        };
        Artifact a = artifacts.find(q).get(0);
        if (a.step() == null
                && (criterion == BestCheckpoint.Criterion.LATEST || criterion == BestCheckpoint.Criterion.EARLIEST)) {
            // no checkpoint has a step: fall back to recording time
            q = new ArtifactQuery(runId, null, ArtifactKind.CHECKPOINT, null, null, null, ArtifactQuery.Sort.CREATED,
                    criterion == BestCheckpoint.Criterion.LATEST, 1, 0);
            a = artifacts.find(q).get(0);
        }
        return new BestCheckpoint(a, null, count);
    }

    private BestCheckpoint byMetric(String runId, String key, boolean minimize) {
        List<Artifact> all = all(runId);
        Map<String, CheckpointMetric> values = metricAt(runId, key, all);
        Artifact best = null;
        CheckpointMetric bestValue = null;
        long considered = 0;
        for (Artifact a : all) {
            CheckpointMetric m = values.get(a.id());
            if (m == null || !Double.isFinite(m.value())) {
                continue;
            }
            considered++;
            if (bestValue == null || (minimize ? m.value() < bestValue.value() : m.value() > bestValue.value())) {
                best = a;
                bestValue = m;
            }
        }
        if (best == null) {
            throw new NotFoundException("no checkpoint of run " + runId + " has a finite value of '" + key
                    + "' at or before its step: checkpoints need steps, and the metric points before them");
        }
        return new BestCheckpoint(best, bestValue, considered);
    }

    /** Sizes, cadence and metric values across a run's checkpoints; at most {@code limit} listed (evenly sampled). */
    public Progression progression(String runId, List<String> metricKeys, int limit) {
        tracking.getRun(runId);
        List<Artifact> all = all(runId);
        ArtifactUsage stats = statistics(runId, null);
        List<Artifact> listed = sample(all, limit);
        List<Long> stepIntervals = new ArrayList<>();
        List<Double> secondIntervals = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            Artifact prev = all.get(i - 1);
            Artifact cur = all.get(i);
            if (prev.step() != null && cur.step() != null) {
                stepIntervals.add(cur.step() - prev.step());
            }
            secondIntervals.add(Math.abs(cur.created().toEpochMilli() - prev.created().toEpochMilli()) / 1000.0);
        }
        Long medianStep = stepIntervals.isEmpty() ? null
                : stepIntervals.stream().sorted().toList().get(stepIntervals.size() / 2);
        Double medianSeconds = secondIntervals.isEmpty() ? null
                : secondIntervals.stream().sorted().toList().get(secondIntervals.size() / 2);
        List<Artifact> gaps = new ArrayList<>();
        for (int i = 1; i < all.size() && medianStep != null && medianStep > 0; i++) {
            Long a = all.get(i - 1).step();
            Long b = all.get(i).step();
            if (a != null && b != null && b - a > 2 * medianStep) {
                gaps.add(all.get(i));
            }
        }
        Map<String, List<CheckpointMetric>> metrics = new LinkedHashMap<>();
        for (String key : metricKeys) {
            Map<String, CheckpointMetric> at = metricAt(runId, key, listed);
            metrics.put(key, listed.stream().map(a -> at.get(a.id())).toList());
        }
        return new Progression(runId, stats.count(), stats.bytes(), listed, medianStep, medianSeconds, gaps, metrics);
    }

    /** At most {@code limit} items spread evenly, first and last included. */
    static <T> List<T> sample(List<T> items, int limit) {
        if (items.size() <= limit) {
            return items;
        }
        List<T> out = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            out.add(items.get((int) Math.round(i * (items.size() - 1) / (double) (limit - 1))));
        }
        return out;
    }

    /** Statistics, latest checkpoint and (with a metric) the best one of each run. */
    public List<RunCheckpoints> compare(List<String> runIds, String metricKey, boolean minimize) {
        List<RunCheckpoints> out = new ArrayList<>();
        for (String id : runIds) {
            ArtifactUsage stats = statistics(tracking.getRun(id).id(), null);
            Optional<Artifact> latest = stats.count() == 0 ? Optional.empty()
                    : Optional.of(best(id, BestCheckpoint.Criterion.LATEST, null, false).checkpoint());
            BestCheckpoint best = null;
            String problem = null;
            if (metricKey != null && stats.count() > 0) {
                try {
                    best = best(id, BestCheckpoint.Criterion.METRIC, metricKey, minimize);
                } catch (NotFoundException e) {
                    problem = e.getMessage();
                }
            }
            out.add(new RunCheckpoints(id, stats, latest.orElse(null), best, problem));
        }
        return out;
    }

    /**
     * One run's line in a comparison.
     *
     * @param problem
     *            why there is no best checkpoint by the metric (e.g. the run lacks the metric); null otherwise
     */
    public record RunCheckpoints(String runId, ArtifactUsage statistics, Artifact latest, BestCheckpoint best,
            String problem) {
    }
}
