package dev.observatory.core.analysis;

import dev.observatory.core.Actor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.core.artifact.Artifacts;
import dev.observatory.core.artifact.Upload;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.store.StoreException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a run's observability report to the blob store as artifacts of the run (kind report) under
 * {@code reports/observability-<UTC time>/}: {@code report.json} (the get_training_observability answer, rendered by
 * the caller), {@code report.md} (a Markdown summary linking the charts) and one PNG line chart per key metric
 * (primary, eval counterpart, throughput). Needs a blob store (StoreException naming the setting otherwise) and write
 * access (ReadOnlyException).
 */
public final class ObservabilityExport {
    private static final Logger LOG = LoggerFactory.getLogger(ObservabilityExport.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Points per chart (M4 buckets of the metric's history). */
    static final int CHART_POINTS = 1000;

    private final Tracking tracking;

    public ObservabilityExport(Tracking tracking) {
        this.tracking = tracking;
    }

    /**
     * One written file.
     *
     * @param role
     *            json, markdown or chart
     * @param metric
     *            the metric a chart shows, null otherwise
     * @param link
     *            a time-limited download link, null when the blob store cannot make one
     */
    public record ExportedFile(String role, String metric, Artifact artifact, String storageUri, String link) {
    }

    /** What was written; {@code mainChart} is the PNG of the primary metric (null when no chart could be drawn). */
    public record Exported(TrainingObservability observability, String prefix, List<ExportedFile> files,
            byte[] mainChart) {
    }

    public Exported export(Actor actor, String runId, ObservabilityOptions options,
            Function<TrainingObservability, byte[]> json, Duration linkValidity) {
        if (!tracking.hasBlobs()) {
            throw new StoreException("export_observability_report writes the report to the blob store, and none is"
                    + " configured: set blob_store (OBSERVATORY_BLOB_STORE) to filesystem or s3", null);
        }
        if (tracking.readOnly()) {
            throw new ReadOnlyException("report.export");
        }
        TrainingObservability t = new Analysis(tracking).observability(runId, options);
        Instant now = tracking.clock().instant();
        String prefix = "reports/observability-" + STAMP.format(now);
        Map<String, byte[]> charts = new LinkedHashMap<>();
        Map<String, String> chartMetrics = new LinkedHashMap<>();
        List<String> metrics = ReportMarkdown.keyMetrics(t);
        for (int i = 0; i < metrics.size(); i++) {
            String file = "chart-" + (i + 1) + "-" + metrics.get(i).replaceAll("[^A-Za-z0-9._-]+", "_") + ".png";
            charts.put(file, ChartImage.png(metrics.get(i) + " - " + t.run().name(),
                    tracking.history(runId, metrics.get(i), null, null, CHART_POINTS)));
            chartMetrics.put(file, metrics.get(i));
        }
        Artifacts artifacts = new Artifacts(tracking);
        Map<String, Object> meta = Map.of("report", "observability", "health", t.health());
        List<ExportedFile> files = new ArrayList<>();
        files.add(write(artifacts, actor, runId, prefix + "/report.json", json.apply(t), "application/json", meta,
                "json", null, linkValidity));
        byte[] md = ReportMarkdown.render(t, chartMetrics, now.toString()).getBytes(StandardCharsets.UTF_8);
        files.add(write(artifacts, actor, runId, prefix + "/report.md", md, "text/markdown", meta, "markdown", null,
                linkValidity));
        for (var c : charts.entrySet()) {
            files.add(write(artifacts, actor, runId, prefix + "/" + c.getKey(), c.getValue(), "image/png", meta,
                    "chart", chartMetrics.get(c.getKey()), linkValidity));
        }
        return new Exported(t, prefix, files, charts.isEmpty() ? null : charts.values().iterator().next());
    }

    private static ExportedFile write(Artifacts artifacts, Actor actor, String runId, String path, byte[] bytes,
            String contentType, Map<String, Object> meta, String role, String metric, Duration linkValidity) {
        Artifact a = artifacts.upload(actor, new Upload(runId, path, new ByteArrayInputStream(bytes), bytes.length,
                null, contentType, ArtifactKind.REPORT, null, null, meta));
        String link = null;
        try {
            link = artifacts.link(a, linkValidity).url().toString();
        } catch (RuntimeException e) {
            LOG.debug("no download link for {}: {}", path, e.getMessage());
        }
        return new ExportedFile(role, metric, a, artifacts.storageUri(a), link);
    }
}
