package dev.observatory.core.demo;

import dev.observatory.core.Actor;
import dev.observatory.core.Tracking;
import dev.observatory.core.registry.Registry;
import dev.observatory.core.slo.Slos;
import dev.observatory.core.trace.Traces;
import dev.observatory.model.Run;
import dev.observatory.model.RunStatus;
import dev.observatory.model.registry.NewModel;
import dev.observatory.model.registry.NewModelVersion;
import dev.observatory.model.registry.Stage;
import dev.observatory.store.RunQuery;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What {@code serve --demo} adds on top of the demo runs (DemoData), through the services, so that every page and
 * toolset has something to show: a registered model per training project with versions from its finished runs (the
 * newest in Production with the {@code champion} alias, the one before in Staging), a day of traces of a small chat
 * service (DemoTraces) and two SLOs over them.
 */
public final class DemoServices {
    /** Requests (traces) of the demo chat service. */
    public static final int TRACES = 400;
    private static final Actor DEMO = new Actor("demo", "demo");
    private static final Map<String, String> MODELS = Map.of(DemoRuns.LLM, "assistant-llm", DemoRuns.VISION,
            "resnet-classifier");

    private DemoServices() {
    }

    /** Writes the models, traces and SLOs; returns a one-line summary. */
    public static String write(Tracking tracking, long seed, Instant now) {
        int versions = 0;
        Registry registry = new Registry(tracking);
        for (var e : MODELS.entrySet()) {
            versions += register(tracking, registry, e.getKey(), e.getValue());
        }
        int spans = new Traces(tracking).ingest(DemoTraces.generate(seed, now, TRACES)).accepted();
        Slos slos = new Slos(tracking);
        slos.create(DEMO, Map.of("name", "chat-availability", "type", "availability", "target", 99.5, "selector",
                Map.of("service", DemoTraces.API, "kind", "SERVER"), "description", "Chat requests that do not fail"));
        slos.create(DEMO, Map.of("name", "chat-latency-p95", "type", "latency", "percentile", 95, "threshold_ms", 4000,
                "selector", Map.of("service", DemoTraces.API, "route", "POST /v1/chat")));
        return MODELS.size() + " models with " + versions + " versions, " + spans + " spans in " + TRACES
                + " traces, 2 SLOs";
    }

    private static int register(Tracking tracking, Registry registry, String project, String model) {
        List<Run> finished = tracking.store().runs().list(RunQuery.all(project, 1_000)).stream()
                .filter(r -> r.status() == RunStatus.FINISHED).sorted(Comparator.comparing(Run::createdAt)).toList();
        if (finished.isEmpty()) {
            return 0;
        }
        registry.createModel(DEMO,
                new NewModel(model, "Demo model trained in project " + project, Map.of("project", project), "demo"));
        int last = 0;
        for (Run run : finished) {
            last = registry.createVersion(DEMO, NewModelVersion.of(model, "runs:/" + run.id() + "/model", run.id()))
                    .version();
        }
        registry.transitionStage(DEMO, model, last, Stage.PRODUCTION, false);
        registry.setAlias(DEMO, model, "champion", last);
        if (last > 1) {
            registry.transitionStage(DEMO, model, last - 1, Stage.STAGING, false);
        }
        return finished.size();
    }
}
