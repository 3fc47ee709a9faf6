package dev.observatory.server.mlflow;

import dev.observatory.core.Cursors;
import dev.observatory.model.Project;
import dev.observatory.store.MlflowExperiment;
import dev.observatory.store.MlflowStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/** experiments/*: an experiment is a project with an id, a lifecycle and tags (see {@link MlflowStore}). */
final class ExperimentEndpoints {
    static final int MAX_EXPERIMENT_TAG_VALUE = 5000;
    private final MlflowRuns runs;
    private final MlflowStore store;

    ExperimentEndpoints(MlflowRuns runs) {
        this.runs = runs;
        this.store = runs.store;
    }

    void register(MlflowServlet s) {
        s.post("experiments/create", this::create);
        s.get("experiments/get", this::get);
        s.get("experiments/get-by-name", this::getByName);
        s.postRead("experiments/search", this::search);
        s.get("experiments/search", this::search);
        s.get("experiments/list", this::search); // MLflow 1.x, still used by older clients
        s.post("experiments/update", this::update);
        s.post("experiments/delete", this::delete);
        s.post("experiments/restore", this::restore);
        s.post("experiments/set-experiment-tag", this::setTag);
    }

    private void create(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        String name = req.required("name");
        List<String[]> tags = new ArrayList<>();
        JsonNode t = req.node("tags");
        if (t != null) {
            for (JsonNode tag : t.values()) {
                String k = MlflowRequest.checkText("tags", tag.path("key").asString(""));
                String v = MlflowRequest.checkText("tags", tag.path("value").asString(""));
                checkTag(k, v);
                tags.add(new String[] { k, v });
            }
        }
        if (runs.tracking.store().projects().get(name).isPresent()) {
            MlflowExperiment e = store.experiment(name);
            throw MlflowException.exists("Experiment '" + name + "' already exists"
                    + (e.deleted() ? " in deleted state. You can restore the experiment, or permanently delete it" : "")
                    + ".");
        }
        runs.tracking.createProject(req.actor(), name, null);
        MlflowExperiment e = store.experiment(name);
        for (String[] tag : tags) {
            e = store.setTag(e.id(), tag[0], tag[1]);
        }
        JsonGenerator g = reply.json();
        g.writeStartObject();
        g.writeStringProperty("experiment_id", Long.toString(e.id()));
        g.writeEndObject();
    }

    private static void checkTag(String key, String value) {
        MlflowLimits.checkName("Tag", key);
        if (value.length() > MAX_EXPERIMENT_TAG_VALUE) {
            throw MlflowException.invalid("Tag value had length " + value.length() + ", which exceeded length limit of "
                    + MAX_EXPERIMENT_TAG_VALUE);
        }
    }

    private void get(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        write(reply, runs.experiment(req.required("experiment_id")));
    }

    private void getByName(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        String name = req.required("experiment_name");
        if (name.equals(MlflowStore.DEFAULT_PROJECT)) {
            runs.defaultExperiment();
        }
        if (runs.tracking.store().projects().get(name).isEmpty()) {
            throw MlflowException.notFound("Could not find experiment with name '" + name + "'");
        }
        write(reply, store.experiment(name));
    }

    private void write(MlflowServlet.Reply reply, MlflowExperiment e) throws IOException {
        Project p = runs.tracking.store().projects().get(e.project()).orElse(null);
        JsonGenerator g = reply.json();
        g.writeStartObject();
        g.writeName("experiment");
        Views.experiment(g, e, p);
        g.writeEndObject();
    }

    private void update(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        MlflowExperiment e = runs.experiment(req.required("experiment_id"));
        String newName = req.string("new_name");
        if (newName != null && !newName.isEmpty()) {
            if (e.deleted()) {
                throw MlflowException.invalid("Cannot rename a non-active experiment.");
            }
            if (runs.tracking.store().projects().get(newName).isPresent() && !newName.equals(e.project())) {
                throw MlflowException.exists("Experiment '" + newName + "' already exists.");
            }
            checkProjectName(newName);
            store.rename(e.id(), newName);
        }
        reply.empty();
    }

    /** Observatory's project name rule, checked up front (creating a project checks it the same way). */
    private static void checkProjectName(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw MlflowException.invalid("Invalid experiment name '" + name + "': Observatory names are 1-100"
                    + " letters, digits, '.', '_' or '-' starting with a letter or digit");
        }
    }

    private void delete(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        store.setDeleted(runs.experiment(req.required("experiment_id")).id(), true);
        runs.lifecycleChanged();
        reply.empty();
    }

    private void restore(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        store.setDeleted(runs.experiment(req.required("experiment_id")).id(), false);
        runs.lifecycleChanged();
        reply.empty();
    }

    private void setTag(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        MlflowExperiment e = runs.experiment(req.required("experiment_id"));
        String key = req.required("key");
        String value = req.string("value");
        checkTag(key, value == null ? "" : value);
        store.setTag(e.id(), key, value == null ? "" : value);
        reply.empty();
    }

    private void search(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        int max = SearchParams.maxResults(req, 1000, 50_000);
        String view = SearchParams.viewType(req, "view_type");
        String filter = req.string("filter");
        List<String> orderBy = req.strings("order_by");
        List<SearchFilter.Clause> clauses = SearchFilter.parseExperimentFilter(filter);
        Comparator<Row> order = ExperimentOrder.of(orderBy);
        runs.defaultExperiment();
        Map<String, Project> projects = new HashMap<>();
        runs.tracking.store().projects().list().forEach(p -> projects.put(p.name(), p));
        List<Row> rows = new ArrayList<>();
        for (MlflowExperiment e : store.experiments()) {
            Row r = new Row(e, projects.get(e.project()));
            if (SearchParams.viewMatches(view, e.deleted()) && clauses.stream().allMatch(c -> c.matches(r::value))) {
                rows.add(r);
            }
        }
        rows.sort(order);
        String fp = "experiments|" + filter + "|" + view + "|" + orderBy;
        long now = runs.tracking.clock().instant().getEpochSecond();
        long offset = Cursors.decode(req.string("page_token"), fp, now);
        int from = (int) Math.min(offset, rows.size());
        int to = Math.min(rows.size(), from + max);
        JsonGenerator g = reply.json();
        g.writeStartObject();
        g.writeArrayPropertyStart("experiments");
        for (Row r : rows.subList(from, to)) {
            Views.experiment(g, r.experiment(), r.project());
        }
        g.writeEndArray();
        if (to < rows.size()) {
            g.writeStringProperty("next_page_token", Cursors.encode(to, fp, now));
        }
        g.writeEndObject();
    }

    /** An experiment with its project, as search sees it. */
    record Row(MlflowExperiment experiment, Project project) {
        long creationTime() {
            return project == null ? experiment.updatedAt().toEpochMilli() : project.createdAt().toEpochMilli();
        }

        /** The value of a filter entity ("attributes.name", "tags.k"); null when absent. */
        Object value(SearchFilter.Entity e) {
            return switch (e.type()) {
                case TAG -> experiment.tags().get(e.key());
                case ATTRIBUTE -> switch (e.key()) {
                    case "name" -> experiment.project();
                    case "experiment_id" -> Long.toString(experiment.id());
                    case "creation_time" -> (double) creationTime();
                    case "last_update_time" -> (double) experiment.updatedAt().toEpochMilli();
                    case "lifecycle_stage" -> experiment.deleted() ? "deleted" : "active";
                    default -> null;
                };
                default -> null;
            };
        }
    }
}
