package dev.observatory.server.http;

import dev.observatory.core.Tracking;
import dev.observatory.core.artifact.Artifacts;
import dev.observatory.core.registry.Registry;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.registry.ModelPatch;
import dev.observatory.model.registry.ModelQuery;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NameFilter;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.model.registry.RegisteredModel;
import dev.observatory.model.registry.Stage;
import dev.observatory.model.registry.VersionPatch;
import dev.observatory.model.registry.VersionQuery;
import dev.observatory.model.registry.VersionStatus;
import dev.observatory.store.NotFoundException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The model registry over REST (Observatory's own API; the MLflow routes live in server.mlflow): registered models
 * under {@code /api/v1/models}, their versions under {@code /api/v1/models/{name}/versions/{version}}, stage
 * transitions, aliases under {@code /api/v1/models/{name}/aliases/{alias}} and {@code GET /api/v1/model-versions/{id}}.
 * Lists page by {@code limit}/{@code offset} and report {@code total}. Deleting a model or a version needs
 * {@code ?confirm=true} (like the MCP tools' {@code confirm}); without it nothing is deleted and the 400 error says
 * what would be. Every write needs the write scope and is refused in read-only mode.
 */
final class RegistryRoutes {
    static final String MODELS = "/api/v1/models";
    private static final String MODEL = MODELS + "/{name}";
    private static final String VERSION = MODEL + "/versions/{version}";
    private static final String ALIAS = MODEL + "/aliases/{alias}";
    private final Tracking tracking;

    RegistryRoutes(Tracking tracking) {
        this.tracking = tracking;
    }

    void register(Router r) {
        r.add("GET", MODELS, this::listModels);
        r.add("POST", MODELS, this::createModel);
        r.add("GET", MODEL, this::getModel);
        r.add("PATCH", MODEL, this::updateModel);
        r.add("DELETE", MODEL, this::deleteModel);
        r.add("GET", MODEL + "/versions", this::listVersions);
        r.add("POST", MODEL + "/versions", this::createVersion);
        r.add("GET", VERSION, this::getVersion);
        r.add("PATCH", VERSION, this::updateVersion);
        r.add("DELETE", VERSION, this::deleteVersion);
        r.add("POST", VERSION + "/stage", this::transition);
        r.add("GET", ALIAS, this::getAlias);
        r.add("PUT", ALIAS, this::setAlias);
        r.add("DELETE", ALIAS, this::deleteAlias);
        r.add("GET", "/api/v1/model-versions/{id}", this::versionById);
    }

    // ---- models

    private void listModels(Call call) throws IOException {
        QueryParams q = call.query();
        q.expect(Set.of("q", "tag", "sort", "order", "limit", "offset"));
        String text = q.get("q");
        ModelQuery query = new ModelQuery(text == null ? null : NameFilter.containing(text), tags(q.all("tag")),
                sort(q.get("sort")), descending(q.get("order")), q.intValue("limit", 50, 1, Registry.MAX_PAGE),
                q.intValue("offset", 0, 0, Integer.MAX_VALUE));
        Registry registry = new Registry(tracking);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("models", registry.findModels(query).stream().map(RegistryWire::model).toList());
        out.put("total", registry.countModels(query));
        out.put("limit", query.limit());
        out.put("offset", query.offset());
        send(call, 200, out);
    }

    private void createModel(Call call) throws IOException {
        call.query().expect(Set.of());
        JsonNode b = call.jsonObject();
        Bodies.allowOnly(b, Set.of("name", "description", "tags", "owner"));
        RegisteredModel m = new Registry(tracking).createModel(call.actor(),
                new NewModel(Bodies.requiredString(b, "name"), Bodies.string(b, "description"), strings(b, "tags"),
                        Bodies.string(b, "owner")));
        send(call, 201, modelView(new Registry(tracking), m));
    }

    private void getModel(Call call) throws IOException {
        call.query().expect(Set.of());
        Registry registry = new Registry(tracking);
        send(call, 200, modelView(registry, registry.getModel(call.path("name"))));
    }

    /** PATCH: description, tags (set or overwrite), remove_tags, name (renames; versions and aliases follow). */
    private void updateModel(Call call) throws IOException {
        call.query().expect(Set.of());
        JsonNode b = call.jsonObject();
        Bodies.allowOnly(b, Set.of("name", "description", "tags", "remove_tags"));
        Registry registry = new Registry(tracking);
        String name = call.path("name");
        RegisteredModel m = registry.getModel(name);
        String description = Bodies.string(b, "description");
        Map<String, String> setTags = strings(b, "tags");
        List<String> removeTags = Bodies.stringList(b, "remove_tags");
        if (description != null || !setTags.isEmpty() || removeTags != null && !removeTags.isEmpty()) {
            m = registry.updateModel(call.actor(), name, new ModelPatch(description, setTags, removeTags));
        }
        String newName = Bodies.string(b, "name");
        if (newName != null && !newName.equals(name)) {
            m = registry.renameModel(call.actor(), name, newName);
        }
        send(call, 200, modelView(registry, m));
    }

    private void deleteModel(Call call) throws IOException {
        call.query().expect(Set.of("confirm"));
        Registry registry = new Registry(tracking);
        RegisteredModel m = registry.getModel(call.path("name"));
        long versions = registry.countVersions(VersionQuery.of(m.name(), 1));
        confirm(call, "deleting model '" + m.name() + "' would delete it with " + versions + " version(s)"
                + (m.aliases().isEmpty() ? "" : " and aliases " + m.aliases().keySet()) + " for good");
        registry.deleteModel(call.actor(), m.name());
        send(call, 200, Map.of("deleted", true, "model", m.name(), "versions_deleted", versions));
    }

    private static Map<String, Object> modelView(Registry registry, RegisteredModel m) {
        Map<String, Object> out = RegistryWire.model(m);
        out.put("version_count", registry.countVersions(VersionQuery.of(m.name(), 1)));
        out.put("latest_versions", registry.latestVersions(m.name(), List.of()).stream()
                .map(v -> Map.of("stage", v.stage().wire(), "version", v.version())).toList());
        return out;
    }

    // ---- versions

    private void listVersions(Call call) throws IOException {
        QueryParams q = call.query();
        q.expect(Set.of("stage", "run_id", "tag", "limit", "offset"));
        Registry registry = new Registry(tracking);
        RegisteredModel m = registry.getModel(call.path("name"));
        Set<Stage> stages = q.csv("stage").stream().map(Stage::parse).collect(java.util.stream.Collectors.toSet());
        VersionQuery query = new VersionQuery(NameFilter.equalTo(m.name()), q.get("run_id"), stages, tags(q.all("tag")),
                q.intValue("limit", 50, 1, Registry.MAX_PAGE), q.intValue("offset", 0, 0, Integer.MAX_VALUE));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("versions", registry.findVersions(query).stream().map(RegistryWire::version).toList());
        out.put("total", registry.countVersions(query));
        out.put("limit", query.limit());
        out.put("offset", query.offset());
        send(call, 200, out);
    }

    /**
     * POST: source (a checkpoint or artifact URI) and/or run_id, or artifact_id (an artifact recorded for a run: source
     * becomes {@code runs:/<run id>/<path>} and run_id its run); description, tags, metrics (snapshot; by default the
     * run's last values), status, status_message, created_by.
     */
    private void createVersion(Call call) throws IOException {
        call.query().expect(Set.of());
        JsonNode b = call.jsonObject();
        Bodies.allowOnly(b, Set.of("source", "run_id", "artifact_id", "description", "tags", "metrics", "status",
                "status_message", "created_by"));
        String source = Bodies.string(b, "source");
        String runId = Bodies.string(b, "run_id");
        String artifactId = Bodies.string(b, "artifact_id");
        if (artifactId != null) {
            Artifact a = new Artifacts(tracking).get(artifactId);
            if (runId != null && !runId.equals(a.runId())) {
                throw HttpError.badRequest("artifact " + artifactId + " belongs to run " + a.runId() + ", not to run "
                        + runId + ": leave run_id out or give the artifact's run");
            }
            runId = a.runId();
            source = source == null ? "runs:/" + a.runId() + "/" + a.path() : source;
        }
        if (source == null && runId == null) {
            throw HttpError.badRequest("give source (a checkpoint URI), run_id (the run that produced the weights) or"
                    + " artifact_id (a checkpoint recorded for a run)");
        }
        String status = Bodies.string(b, "status");
        ModelVersion v = new Registry(tracking).createVersion(call.actor(),
                new NewModelVersion(call.path("name"), source, runId, Bodies.string(b, "description"),
                        strings(b, "tags"), Bodies.string(b, "created_by"),
                        status == null ? null : VersionStatus.parse(status), Bodies.string(b, "status_message"),
                        doubles(b, "metrics")));
        send(call, 201, versionView(v));
    }

    private void getVersion(Call call) throws IOException {
        call.query().expect(Set.of());
        send(call, 200, versionView(new Registry(tracking).getVersion(call.path("name"), version(call))));
    }

    private void versionById(Call call) throws IOException {
        call.query().expect(Set.of());
        send(call, 200, versionView(new Registry(tracking).getVersionById(call.path("id"))));
    }

    /** PATCH: description, tags, remove_tags, status, status_message (stages and aliases have their own routes). */
    private void updateVersion(Call call) throws IOException {
        call.query().expect(Set.of());
        JsonNode b = call.jsonObject();
        Bodies.allowOnly(b, Set.of("description", "tags", "remove_tags", "status", "status_message"));
        String status = Bodies.string(b, "status");
        ModelVersion v = new Registry(tracking).updateVersion(call.actor(), call.path("name"), version(call),
                new VersionPatch(Bodies.string(b, "description"), strings(b, "tags"),
                        Bodies.stringList(b, "remove_tags"), status == null ? null : VersionStatus.parse(status),
                        Bodies.string(b, "status_message")));
        send(call, 200, versionView(v));
    }

    /** POST {stage, archive_existing_versions}: moves the version to a stage (MLflow's transition-stage). */
    private void transition(Call call) throws IOException {
        call.query().expect(Set.of());
        JsonNode b = call.jsonObject();
        Bodies.allowOnly(b, Set.of("stage", "archive_existing_versions"));
        JsonNode archive = b.get("archive_existing_versions");
        if (archive != null && !archive.isNull() && !archive.isBoolean()) {
            throw HttpError
                    .badRequest("field 'archive_existing_versions' must be a boolean, got " + Bodies.typeOf(archive));
        }
        ModelVersion v = new Registry(tracking).transitionStage(call.actor(), call.path("name"), version(call),
                Stage.parse(Bodies.requiredString(b, "stage")),
                archive != null && !archive.isNull() && archive.booleanValue());
        send(call, 200, versionView(v));
    }

    private void deleteVersion(Call call) throws IOException {
        call.query().expect(Set.of("confirm"));
        Registry registry = new Registry(tracking);
        ModelVersion v = registry.getVersion(call.path("name"), version(call));
        confirm(call,
                "deleting version " + v.version() + " of model '" + v.model() + "' would remove it"
                        + (v.aliases().isEmpty() ? "" : " and its aliases " + v.aliases())
                        + " for good (its number is not" + " reused); archiving it (stage Archived) keeps it");
        registry.deleteVersion(call.actor(), v.model(), v.version());
        send(call, 200, Map.of("deleted", true, "model", v.model(), "version", v.version()));
    }

    private Map<String, Object> versionView(ModelVersion v) {
        Map<String, Object> out = RegistryWire.version(v);
        out.put("run", new Registry(tracking).sourceRun(v).map(r -> {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("id", r.id());
            run.put("project", r.project());
            run.put("name", r.name());
            run.put("status", r.status().wire());
            return run;
        }).orElse(null));
        return out;
    }

    // ---- aliases

    private void getAlias(Call call) throws IOException {
        call.query().expect(Set.of());
        send(call, 200, versionView(new Registry(tracking).getByAlias(call.path("name"), call.path("alias"))));
    }

    /** PUT {version}: points the alias at the version (moving it from another version if needed). */
    private void setAlias(Call call) throws IOException {
        call.query().expect(Set.of());
        JsonNode b = call.jsonObject();
        Bodies.allowOnly(b, Set.of("version"));
        JsonNode n = b.get("version");
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw HttpError.badRequest("field 'version' must be a version number such as 3, got " + Bodies.typeOf(n));
        }
        ModelVersion v = new Registry(tracking).setAlias(call.actor(), call.path("name"), call.path("alias"),
                n.intValue());
        send(call, 200, versionView(v));
    }

    private void deleteAlias(Call call) throws IOException {
        call.query().expect(Set.of());
        String model = call.path("name");
        String alias = call.path("alias");
        if (!new Registry(tracking).deleteAlias(call.actor(), model, alias)) {
            throw new NotFoundException("model '" + model + "' has no alias '" + alias + "'");
        }
        send(call, 200, Map.of("deleted", true, "model", model, "alias", alias));
    }

    // ---- helpers

    private static void confirm(Call call, String what) {
        if (!call.query().bool("confirm", false)) {
            throw new HttpError(400, "CONFIRMATION_REQUIRED",
                    what + ": nothing was deleted; repeat the request with" + " ?confirm=true to delete");
        }
    }

    private static int version(Call call) {
        String s = call.path("version");
        try {
            int v = Integer.parseInt(s);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HttpError.badRequest("a version is a positive number (1, 2, ...), got '" + s + "'; to resolve an alias"
                + " use " + MODELS + "/{name}/aliases/{alias}");
    }

    /** {@code key=value} tag filters. */
    private static Map<String, String> tags(List<String> filters) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq < 1) {
                throw HttpError.badRequest("tag filter must look like key=value, got '" + f + "'");
            }
            out.put(f.substring(0, eq), f.substring(eq + 1));
        }
        return out;
    }

    private static ModelQuery.Sort sort(String s) {
        if (s == null) {
            return ModelQuery.Sort.NAME;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "name" -> ModelQuery.Sort.NAME;
            case "created", "created_at" -> ModelQuery.Sort.CREATED;
            case "updated", "updated_at" -> ModelQuery.Sort.UPDATED;
            default -> throw HttpError.badRequest("sort must be name, created_at or updated_at, got '" + s + "'");
        };
    }

    private static boolean descending(String order) {
        if (order == null || order.equalsIgnoreCase("asc")) {
            return false;
        }
        if (order.equalsIgnoreCase("desc")) {
            return true;
        }
        throw HttpError.badRequest("order must be asc or desc, got '" + order + "'");
    }

    /** An object of string values; empty when absent. */
    private static Map<String, String> strings(JsonNode b, String name) {
        JsonNode n = b.get(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw HttpError.badRequest("field '" + name + "' must be an object of strings, got " + Bodies.typeOf(n));
        }
        n.forEachEntry((k, v) -> {
            if (!v.isString()) {
                throw HttpError.badRequest("field '" + name + "." + k + "' must be a string, got " + Bodies.typeOf(v));
            }
            out.put(k, v.stringValue());
        });
        return out;
    }

    /** An object of numbers (or "NaN" / "Infinity" / "-Infinity"); empty when absent. */
    private static Map<String, Double> doubles(JsonNode b, String name) {
        JsonNode n = b.get(name);
        Map<String, Double> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw HttpError.badRequest("field '" + name + "' must be an object of numbers, got " + Bodies.typeOf(n));
        }
        n.forEachEntry((k, v) -> {
            Double d = v.isNumber() ? Double.valueOf(v.doubleValue())
                    : v.isString() ? Json.parseNonFinite(v.stringValue()) : null;
            if (d == null) {
                throw HttpError.badRequest("field '" + name + "." + k + "' must be a number, got " + Bodies.typeOf(v));
            }
            out.put(k, d);
        });
        return out;
    }

    private static void send(Call call, int status, Object body) throws IOException {
        call.bytes(status, "application/json", Json.MAPPER.writeValueAsBytes(body));
    }
}
