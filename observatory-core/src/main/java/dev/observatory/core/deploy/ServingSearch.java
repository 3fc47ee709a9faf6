package dev.observatory.core.deploy;

import dev.observatory.core.SearchHit;
import dev.observatory.core.Tracking;
import dev.observatory.core.release.ReleaseConfig;
import dev.observatory.core.release.ReleaseDeployment;
import dev.observatory.core.release.Releases;
import dev.observatory.model.benchmark.Benchmark;
import dev.observatory.model.benchmark.BenchmarkQuery;
import dev.observatory.model.deploy.Build;
import dev.observatory.model.deploy.BuildQuery;
import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentQuery;
import dev.observatory.model.registry.ModelQuery;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.NameFilter;
import dev.observatory.model.registry.RegisteredModel;
import dev.observatory.model.registry.VersionQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The unified search over the serving side: models, versions, deployments, builds, benchmarks and release configs, each
 * matched by a case-insensitive substring of its name (and description, id, template or machine). Each kind scans a
 * bounded number of recent entries ({@link #SCAN} at most), so a search stays cheap on a large store.
 */
public final class ServingSearch {
    /** Kinds this search adds to the tracking search (projects, runs). */
    public static final List<String> KINDS = List.of("model", "version", "deployment", "build", "benchmark", "config");
    static final int SCAN = 2_000;

    private ServingSearch() {
    }

    /** Hits of the given kinds (all when empty), in kind order, at most {@code limit}. */
    public static List<SearchHit> search(Tracking tracking, String text, List<String> kinds, int limit) {
        String needle = text.toLowerCase(Locale.ROOT);
        List<SearchHit> hits = new ArrayList<>();
        Consumer<SearchHit> add = h -> {
            if (hits.size() < limit) {
                hits.add(h);
            }
        };
        if (wants(kinds, "model") || wants(kinds, "version")) {
            models(tracking, text, needle, kinds, add);
        }
        if (wants(kinds, "deployment") && hits.size() < limit) {
            for (Deployment d : tracking.store().deployments().list(DeploymentQuery.all(SCAN))) {
                String field = match(needle, "model", d.model(), "id", d.id(), "template", d.template(), "endpoint",
                        d.endpoint());
                if (field != null) {
                    add.accept(new SearchHit("deployment", d.id(),
                            d.model() + " v" + d.version() + " on port " + d.port() + " (" + d.status().wire() + ")",
                            null, field));
                }
            }
        }
        if (wants(kinds, "build") && hits.size() < limit) {
            for (Build b : tracking.store().builds().list(BuildQuery.all(SCAN))) {
                String field = match(needle, "name", b.name(), "id", b.id(), "template", b.template());
                if (field != null) {
                    add.accept(new SearchHit("build", b.id(), b.name() + " (" + b.status().wire() + ")", null, field));
                }
            }
        }
        if (wants(kinds, "benchmark") && hits.size() < limit) {
            for (Benchmark b : tracking.store().benchmarks().list(new BenchmarkQuery(null, null, SCAN, 0))) {
                String field = match(needle, "model", b.model(), "id", b.id(), "endpoint", b.endpoint());
                if (field != null) {
                    add.accept(new SearchHit("benchmark", b.id(),
                            (b.model() == null ? b.endpoint() : b.model() + " v" + b.version()), null, field));
                }
            }
        }
        if (wants(kinds, "config") && hits.size() < limit) {
            configs(tracking, needle, add);
        }
        return hits;
    }

    private static void models(Tracking tracking, String text, String needle, List<String> kinds,
            Consumer<SearchHit> add) {
        List<RegisteredModel> models = tracking.store().registry()
                .listModels(new ModelQuery(NameFilter.containing(text), null, ModelQuery.Sort.NAME, false, SCAN, 0));
        if (wants(kinds, "model")) {
            models.forEach(m -> add.accept(new SearchHit("model", m.name(), m.name(), null, "name")));
        }
        if (wants(kinds, "version")) {
            List<ModelVersion> versions = tracking.store().registry()
                    .listVersions(new VersionQuery(NameFilter.containing(text), null, null, null, SCAN, 0));
            for (ModelVersion v : versions) {
                add.accept(new SearchHit("version", v.id(), v.model() + " v" + v.version(), null, "model"));
            }
        }
    }

    private static void configs(Tracking tracking, String needle, Consumer<SearchHit> add) {
        Releases releases = new Releases(tracking);
        if (!releases.configured()) {
            return;
        }
        for (ReleaseConfig c : releases.snapshot().configs()) {
            String field = c.machine().toLowerCase(Locale.ROOT).contains(needle) ? "machine" : null;
            for (ReleaseDeployment d : c.deployments()) {
                if (field == null) {
                    field = match(needle, "deployment", d.name(), "model", d.model(), "template", d.template());
                }
            }
            if (field != null) {
                add.accept(new SearchHit("config", c.machine(), c.machine() + " (" + c.path() + ")", null, field));
            }
        }
    }

    private static boolean wants(List<String> kinds, String kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }

    /** The name of the first field (pairs of name, value) whose value contains the needle; null when none. */
    private static String match(String needle, String... fieldValues) {
        for (int i = 0; i + 1 < fieldValues.length; i += 2) {
            String v = fieldValues[i + 1];
            if (v != null && v.toLowerCase(Locale.ROOT).contains(needle)) {
                return fieldValues[i];
            }
        }
        return null;
    }
}
