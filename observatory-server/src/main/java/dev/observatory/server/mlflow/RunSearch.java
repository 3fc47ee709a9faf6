package dev.observatory.server.mlflow;

import dev.observatory.core.Cursors;
import dev.observatory.model.MetricSummary;
import dev.observatory.model.Run;
import dev.observatory.server.mlflow.SearchFilter.Clause;
import dev.observatory.server.mlflow.SearchFilter.Entity;
import dev.observatory.server.mlflow.SearchFilter.Type;
import dev.observatory.store.MlflowExperiment;
import dev.observatory.store.MlflowSearchRow;
import dev.observatory.store.MlflowSearchRow.LatestMetric;
import dev.observatory.store.RunQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;

/**
 * runs/search: the runs of the given experiments are read once, filtered and ordered in memory (MLflow's grammar is
 * wider than the store's query), then one page is written with its metrics and tags read in bulk.
 */
final class RunSearch {
    static final int MAX_RESULTS_LIMIT = 50_000;
    /**
     * The page read as before the store's search page (the runs query, then summaries and side tags): for A/B
     * measurements ({@code -Dobservatory.mlflow.separateSearchReads=true}) and the tests comparing both.
     */
    static volatile boolean separateReads = Boolean.getBoolean("observatory.mlflow.separateSearchReads");
    private final MlflowRuns runs;

    RunSearch(MlflowRuns runs) {
        this.runs = runs;
    }

    void search(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        List<String> experimentIds = req.strings("experiment_ids");
        String filter = req.string("filter");
        List<String> orderBy = req.strings("order_by");
        String view = SearchParams.viewType(req, "run_view_type");
        int max = SearchParams.maxResults(req, 1000, MAX_RESULTS_LIMIT);
        List<Clause> clauses = SearchFilter.parseRunFilter(filter);
        List<OrderBy> order = OrderBy.parse(orderBy, SearchFilter.RUN_STRING_ATTRIBUTES,
                SearchFilter.RUN_NUMERIC_ATTRIBUTES);
        String fp = "runs|" + experimentIds + "|" + filter + "|" + orderBy + "|" + view;
        long now = runs.tracking.clock().instant().getEpochSecond();
        long offset = Cursors.decode(req.string("page_token"), fp, now);

        List<MlflowExperiment> experiments = new LinkedHashSet<>(experimentIds).stream().map(runs::experiment).toList();
        SearchPlan plan = SearchPlan.of(clauses, order, experiments.size() == 1);
        Optional<List<MlflowSearchRow>> paged = onePage(experiments, plan, view, offset, max);
        Page page = paged.isPresent() ? fromOneStatement(paged.get(), experiments.get(0), offset, max)
                : separateReads(experiments, plan, order, view, offset, max);
        JsonGenerator g = reply.json();
        g.writeStartObject();
        g.writeArrayPropertyStart("runs");
        for (Entry r : page.runs()) {
            Views.run(g, r.run(), r.experimentId(), r.deleted(), r.side(), r.metrics(), List.of());
        }
        g.writeEndArray();
        if (page.next() >= 0) {
            g.writeStringProperty("next_page_token", Cursors.encode(page.next(), fp, now));
        }
        g.writeEndObject();
    }

    /** A page to write: its runs and the offset of the next page (-1: none). */
    private record Page(List<Entry> runs, long next) {
    }

    /** A run of the page with what its JSON shows: side tags and latest metrics in key order. */
    private record Entry(Run run, long experimentId, boolean deleted, Map<String, String> side,
            Collection<LatestMetric> metrics) {
    }

    /**
     * The page from the store's search page read, when the store does all the filtering and ordering (one experiment,
     * no residual clause) and has such a read (DuckDB); empty otherwise. Holds the page and one more run when there is
     * one.
     */
    private Optional<List<MlflowSearchRow>> onePage(List<MlflowExperiment> experiments, SearchPlan plan, String view,
            long offset, int max) {
        if (separateReads || experiments.size() != 1 || !plan.ordered() || !plan.residual().isEmpty() || plan.empty()) {
            return Optional.empty();
        }
        MlflowExperiment e = experiments.get(0);
        boolean activeOnly = view.equals("ACTIVE_ONLY");
        if (e.deleted() && activeOnly) {
            return Optional.of(List.of());
        }
        boolean deletedOnly = view.equals("DELETED_ONLY") && !e.deleted();
        RunQuery q = plan.query(e.project(), 0, 1, deletedOnly ? List.of(RunTags.DELETED_LABEL) : List.of());
        return runs.store.searchPage(q, activeOnly ? RunTags.DELETED_LABEL : null, offset, max + 1);
    }

    private Page fromOneStatement(List<MlflowSearchRow> rows, MlflowExperiment e, long offset, int max) {
        List<Entry> out = new ArrayList<>();
        for (MlflowSearchRow r : rows.subList(0, Math.min(max, rows.size()))) {
            Map<String, LatestMetric> byKey = new TreeMap<>();
            r.metrics().forEach(m -> byKey.put(m.key(), m));
            out.add(new Entry(r.run(), e.id(), runs.deleted(r.run(), e), r.sideTags(), byKey.values()));
        }
        return new Page(out, rows.size() > max ? offset + max : -1);
    }

    /** The page from the runs query, then its metric summaries and side tags read in bulk. */
    private Page separateReads(List<MlflowExperiment> experiments, SearchPlan plan, List<OrderBy> order, String view,
            long offset, int max) {
        List<Row> rows = matching(experiments, plan, order, view, offset + max + 1);
        int from = (int) Math.min(offset, rows.size());
        int to = Math.min(rows.size(), from + max);
        List<Row> page = rows.subList(from, to);
        List<String> ids = page.stream().map(r -> r.run.id()).toList();
        Map<String, Map<String, MetricSummary>> metrics = ids.isEmpty() ? Map.of()
                : runs.tracking.store().metrics().summaries(ids, List.of());
        Map<String, Map<String, String>> side = ids.isEmpty() ? Map.of() : runs.store.runTags(ids);
        List<Entry> out = new ArrayList<>();
        for (Row r : page) {
            out.add(new Entry(r.run, r.experiment.id(), r.deleted, side.getOrDefault(r.run.id(), Map.of()),
                    Views.latest(metrics.getOrDefault(r.run.id(), Map.of()).values())));
        }
        return new Page(out, to < rows.size() ? to : -1);
    }

    /**
     * The matching runs in their final order. When the store does all the filtering and the ordering, reading stops
     * after {@code need} runs (the page and one more, which tells whether there is a next page).
     */
    private List<Row> matching(List<MlflowExperiment> experiments, SearchPlan plan, List<OrderBy> order, String view,
            long need) {
        boolean early = plan.ordered() && plan.residual().isEmpty();
        int pageSize = (int) Math.min(SearchPlan.READ_PAGE, early ? need : SearchPlan.READ_PAGE);
        List<Row> candidates = new ArrayList<>();
        for (MlflowExperiment e : plan.empty() ? List.<MlflowExperiment> of() : experiments) {
            for (long offset = 0;; offset += pageSize) {
                List<Run> batch = runs.tracking.store().runs().list(plan.query(e.project(), offset, pageSize));
                for (Run r : batch) {
                    boolean deleted = runs.deleted(r, e);
                    if (SearchParams.viewMatches(view, deleted)) {
                        candidates.add(new Row(r, e, deleted));
                    }
                }
                if (batch.size() < pageSize || early && candidates.size() >= need) {
                    break;
                }
            }
        }
        List<Clause> residual = plan.residual();
        List<OrderBy> javaOrder = plan.ordered() ? List.of() : order;
        if (candidates.isEmpty() || residual.isEmpty() && plan.ordered()) {
            return candidates;
        }
        Set<String> metricKeys = new LinkedHashSet<>();
        boolean tags = false;
        for (Entity e : entities(residual, javaOrder)) {
            metricKeys.addAll(e.type() == Type.METRIC ? List.of(e.key()) : List.of());
            tags |= e.type() == Type.TAG || e.type() == Type.ATTRIBUTE && e.key().equals("run_name");
        }
        List<String> ids = candidates.stream().map(r -> r.run.id()).toList();
        Map<String, Map<String, MetricSummary>> metrics = metricKeys.isEmpty() ? Map.of()
                : runs.tracking.store().metrics().summaries(ids, metricKeys);
        Map<String, Map<String, String>> side = tags ? runs.store.runTags(ids) : Map.of();
        List<Row> out = new ArrayList<>();
        for (Row r : candidates) {
            r.metrics = metrics.getOrDefault(r.run.id(), Map.of());
            r.side = side.getOrDefault(r.run.id(), Map.of());
            if (residual.stream().allMatch(c -> c.matches(r::value))) {
                out.add(r);
            }
        }
        if (!plan.ordered()) {
            Comparator<Row> cmp = OrderBy.comparator(javaOrder, r -> r::value);
            out.sort(cmp.thenComparing(Comparator.comparingLong(Row::startMs).reversed())
                    .thenComparing(r -> r.run.id()));
        }
        return out;
    }

    private static List<Entity> entities(List<Clause> clauses, List<OrderBy> order) {
        List<Entity> out = new ArrayList<>();
        clauses.forEach(c -> out.add(c.entity()));
        order.forEach(o -> out.add(o.entity()));
        return out;
    }

    /** A candidate run with what its filters and order read. */
    private static final class Row {
        final Run run;
        final MlflowExperiment experiment;
        final boolean deleted;
        Map<String, MetricSummary> metrics = Map.of();
        Map<String, String> side = Map.of();
        private Map<String, String> params;
        private Map<String, String> tags;

        Row(Run run, MlflowExperiment experiment, boolean deleted) {
            this.run = run;
            this.experiment = experiment;
            this.deleted = deleted;
        }

        long startMs() {
            return (run.startedAt() != null ? run.startedAt() : run.createdAt()).toEpochMilli();
        }

        Object value(Entity e) {
            return switch (e.type()) {
                case METRIC -> {
                    MetricSummary s = metrics.get(e.key());
                    yield s == null ? null : (Object) s.last();
                }
                case PARAM -> {
                    if (params == null) {
                        params = MlflowRuns.params(run);
                    }
                    yield params.get(e.key());
                }
                case TAG -> {
                    if (tags == null) {
                        tags = new LinkedHashMap<>(MlflowRuns.tagView(run, side));
                    }
                    yield tags.get(e.key());
                }
                case ATTRIBUTE -> attribute(e.key());
            };
        }

        private Object attribute(String name) {
            return switch (name) {
                case "run_id" -> run.id();
                case "run_name" -> MlflowRuns.runName(run, side);
                case "status" -> Views.status(run.status());
                case "user_id" -> run.user();
                case "artifact_uri" -> Views.artifactRoot(experiment.id()) + "/" + run.id() + "/artifacts";
                case "lifecycle_stage" -> deleted ? "deleted" : "active";
                case "start_time" -> (double) startMs();
                case "end_time" -> run.endedAt() == null ? null : (Object) (double) run.endedAt().toEpochMilli();
                case "created" -> (double) run.createdAt().toEpochMilli();
                default -> null;
            };
        }
    }
}
