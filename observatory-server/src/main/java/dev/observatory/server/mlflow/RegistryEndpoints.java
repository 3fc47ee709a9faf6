package dev.observatory.server.mlflow;

import dev.observatory.core.registry.Registry;
import dev.observatory.model.Page;
import dev.observatory.model.registry.ModelPatch;
import dev.observatory.model.registry.ModelQuery;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.model.registry.RegisteredModel;
import dev.observatory.model.registry.Stage;
import dev.observatory.model.registry.VersionPatch;
import dev.observatory.model.registry.VersionQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * registered-models/* and model-versions/*: MLflow's model registry over Observatory's registry (one store, so models
 * registered here are the ones the MCP registry toolset and the other surfaces show).
 */
final class RegistryEndpoints {
    private final Registry registry;

    RegistryEndpoints(Registry registry) {
        this.registry = registry;
    }

    void register(MlflowServlet s) {
        s.post("registered-models/create", this::createModel);
        s.get("registered-models/get", (req, reply) -> writeModel(reply, registry.getModel(req.required("name"))));
        s.post("registered-models/rename", (req, reply) -> writeModel(reply,
                registry.renameModel(req.actor(), req.required("name"), req.required("new_name"))));
        s.patch("registered-models/update", (req, reply) -> writeModel(reply, registry.updateModel(req.actor(),
                req.required("name"), ModelPatch.description(nonNull(req.string("description"))))));
        s.delete("registered-models/delete", (req, reply) -> {
            registry.deleteModel(req.actor(), req.required("name"));
            reply.empty();
        });
        s.get("registered-models/search", this::searchModels);
        s.postRead("registered-models/search", this::searchModels);
        s.post("registered-models/set-tag", (req, reply) -> {
            registry.updateModel(req.actor(), req.required("name"),
                    ModelPatch.setTag(req.required("key"), nonNull(req.string("value"))));
            reply.empty();
        });
        s.delete("registered-models/delete-tag", (req, reply) -> {
            registry.updateModel(req.actor(), req.required("name"), ModelPatch.removeTag(req.required("key")));
            reply.empty();
        });
        s.postRead("registered-models/get-latest-versions", this::latestVersions);
        s.get("registered-models/get-latest-versions", this::latestVersions);
        s.post("registered-models/alias", (req, reply) -> {
            registry.setAlias(req.actor(), req.required("name"), req.required("alias"), version(req));
            reply.empty();
        });
        s.delete("registered-models/alias", (req, reply) -> {
            registry.deleteAlias(req.actor(), req.required("name"), req.required("alias"));
            reply.empty();
        });
        s.get("registered-models/alias",
                (req, reply) -> writeVersion(reply, registry.getByAlias(req.required("name"), req.required("alias"))));
        registerVersions(s);
    }

    private void registerVersions(MlflowServlet s) {
        s.post("model-versions/create", this::createVersion);
        s.get("model-versions/get",
                (req, reply) -> writeVersion(reply, registry.getVersion(req.required("name"), version(req))));
        s.patch("model-versions/update", (req, reply) -> writeVersion(reply, registry.updateVersion(req.actor(),
                req.required("name"), version(req), VersionPatch.description(nonNull(req.string("description"))))));
        s.delete("model-versions/delete", (req, reply) -> {
            registry.deleteVersion(req.actor(), req.required("name"), version(req));
            reply.empty();
        });
        s.get("model-versions/search", this::searchVersions);
        s.postRead("model-versions/search", this::searchVersions);
        s.post("model-versions/set-tag", (req, reply) -> {
            registry.updateVersion(req.actor(), req.required("name"), version(req),
                    VersionPatch.setTag(req.required("key"), nonNull(req.string("value"))));
            reply.empty();
        });
        s.delete("model-versions/delete-tag", (req, reply) -> {
            registry.updateVersion(req.actor(), req.required("name"), version(req),
                    VersionPatch.removeTag(req.required("key")));
            reply.empty();
        });
        s.post("model-versions/transition-stage",
                (req, reply) -> writeVersion(reply,
                        registry.transitionStage(req.actor(), req.required("name"), version(req),
                                stage(req.required("stage")),
                                "true".equalsIgnoreCase(req.string("archive_existing_versions")))));
        s.get("model-versions/get-download-uri", (req, reply) -> {
            ModelVersion v = registry.getVersion(req.required("name"), version(req));
            JsonGenerator g = reply.json();
            g.writeStartObject();
            g.writeStringProperty("artifact_uri", v.source() == null ? "" : v.source());
            g.writeEndObject();
        });
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static int version(MlflowRequest req) {
        String v = req.required("version");
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw MlflowException.invalid("Model version must be an integer, got '" + v + "'");
        }
    }

    private static Stage stage(String s) {
        try {
            return Stage.parse(s);
        } catch (IllegalArgumentException e) {
            throw MlflowException.invalid("Invalid Model Version stage: " + s
                    + ". Value must be one of None, Staging, Production, Archived.");
        }
    }

    private void createModel(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        Map<String, String> tags = RunEndpoints.keyValues(req.node("tags"), "tags");
        writeModel(reply, registry.createModel(req.actor(),
                new NewModel(req.required("name"), req.string("description"), tags, req.actor().name())));
    }

    private void writeModel(MlflowServlet.Reply reply, RegisteredModel m) throws IOException {
        List<ModelVersion> latest = registry.latestVersions(m.name(), List.of());
        JsonGenerator g = reply.json();
        g.writeStartObject();
        g.writeName("registered_model");
        RegistryViews.model(g, m, latest);
        g.writeEndObject();
    }

    private static void writeVersion(MlflowServlet.Reply reply, ModelVersion v) throws IOException {
        JsonGenerator g = reply.json();
        g.writeStartObject();
        g.writeName("model_version");
        RegistryViews.version(g, v);
        g.writeEndObject();
    }

    private void createVersion(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        Map<String, String> tags = RunEndpoints.keyValues(req.node("tags"), "tags");
        String runId = req.string("run_id");
        writeVersion(reply,
                registry.createVersion(req.actor(),
                        new NewModelVersion(req.required("name"), req.string("source"),
                                runId == null || runId.isEmpty() ? null : runId, req.string("description"), tags, null,
                                null, null, null)));
    }

    private void latestVersions(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        String name = req.required("name");
        List<Stage> stages = new ArrayList<>();
        req.strings("stages").forEach(st -> stages.add(stage(st)));
        registry.getModel(name);
        List<ModelVersion> latest = registry.latestVersions(name, stages);
        JsonGenerator g = reply.json();
        g.writeStartObject();
        g.writeArrayPropertyStart("model_versions");
        for (ModelVersion v : latest) {
            RegistryViews.version(g, v);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void searchModels(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        int max = SearchParams.maxResults(req, 100, Registry.MAX_PAGE);
        RegistryFilters.ModelFilter f = RegistryFilters.models(req.string("filter"));
        RegistryFilters.Order order = RegistryFilters.modelOrder(req.strings("order_by"));
        Page<RegisteredModel> page = registry.listModels(
                new ModelQuery(f.name(), f.tags(), order.sort(), order.descending(), max, 0),
                emptyToNull(req.string("page_token")));
        List<List<ModelVersion>> latest = new ArrayList<>();
        for (RegisteredModel m : page.items()) {
            latest.add(registry.latestVersions(m.name(), List.of()));
        }
        JsonGenerator g = reply.json();
        g.writeStartObject();
        g.writeArrayPropertyStart("registered_models");
        for (int i = 0; i < page.items().size(); i++) {
            RegistryViews.model(g, page.items().get(i), latest.get(i));
        }
        g.writeEndArray();
        if (page.nextCursor() != null) {
            g.writeStringProperty("next_page_token", page.nextCursor());
        }
        g.writeEndObject();
    }

    private void searchVersions(MlflowRequest req, MlflowServlet.Reply reply) throws IOException {
        int max = SearchParams.maxResults(req, 1000, 200_000);
        RegistryFilters.VersionFilter f = RegistryFilters.versions(req.string("filter"));
        Page<ModelVersion> page = registry.listVersions(
                new VersionQuery(f.name(), f.runId(), null, f.tags(), Math.min(max, Registry.MAX_PAGE), 0),
                emptyToNull(req.string("page_token")));
        JsonGenerator g = reply.json();
        g.writeStartObject();
        g.writeArrayPropertyStart("model_versions");
        for (ModelVersion v : page.items()) {
            RegistryViews.version(g, v);
        }
        g.writeEndArray();
        if (page.nextCursor() != null) {
            g.writeStringProperty("next_page_token", page.nextCursor());
        }
        g.writeEndObject();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
