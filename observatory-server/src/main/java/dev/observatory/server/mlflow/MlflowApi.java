package dev.observatory.server.mlflow;

import dev.observatory.core.Tracking;
import dev.observatory.core.artifact.Artifacts;
import dev.observatory.core.registry.Registry;
import dev.observatory.server.http.HttpServer;

/**
 * MLflow's tracking REST API on the HTTP server, at {@value #API_PATH} and {@value #AJAX_PATH} (the path MLflow's web
 * UI and some clients use). MLflow experiments are Observatory projects and MLflow runs are Observatory runs: one
 * store, visible on every surface. See docs/decisions/0007-mlflow-mapping.md.
 */
public final class MlflowApi {
    public static final String API_PATH = "/api/2.0/mlflow/*";
    public static final String AJAX_PATH = "/ajax-api/2.0/mlflow/*";
    /** MLflow's artifact proxy (uploads, downloads and listings of run artifacts). */
    public static final String ARTIFACTS_PATH = "/api/2.0/mlflow-artifacts/*";
    public static final String AJAX_ARTIFACTS_PATH = "/ajax-api/2.0/mlflow-artifacts/*";
    /** MLflow's default limit of metrics per log-batch request. */
    public static final int DEFAULT_MAX_METRICS_PER_BATCH = 1000;

    private MlflowApi() {
    }

    /** Mounts the API on the builder; {@code maxMetricsPerBatch} may raise MLflow's limit of 1,000. */
    public static HttpServer.Builder mountOn(HttpServer.Builder builder, Tracking tracking, int maxMetricsPerBatch) {
        MlflowServlet servlet = servlet(tracking, maxMetricsPerBatch);
        MlflowArtifactServlet proxy = new MlflowArtifactServlet(new MlflowRuns(tracking), new Artifacts(tracking));
        return builder.addServlet(API_PATH, servlet, false).addServlet(AJAX_PATH, servlet, false)
                .addServlet(ARTIFACTS_PATH, proxy, false).addServlet(AJAX_ARTIFACTS_PATH, proxy, false);
    }

    static MlflowServlet servlet(Tracking tracking, int maxMetricsPerBatch) {
        if (maxMetricsPerBatch < DEFAULT_MAX_METRICS_PER_BATCH) {
            throw new IllegalArgumentException("the MLflow log-batch limit may only be raised above "
                    + DEFAULT_MAX_METRICS_PER_BATCH + ", got " + maxMetricsPerBatch);
        }
        MlflowRuns runs = new MlflowRuns(tracking);
        MlflowServlet s = new MlflowServlet();
        new ExperimentEndpoints(runs).register(s);
        new RunEndpoints(runs).register(s);
        new MetricEndpoints(runs, maxMetricsPerBatch).register(s);
        new HistoryEndpoints(runs).register(s);
        RunSearch search = new RunSearch(runs);
        s.postRead("runs/search", search::search);
        s.get("runs/search", search::search);
        new RegistryEndpoints(new Registry(tracking)).register(s);
        s.get("artifacts/list", new ArtifactList(runs, new Artifacts(tracking))::list);
        return s;
    }
}
