package dev.observatory.core.deploy;

import dev.observatory.core.Tracking;
import dev.observatory.model.deploy.BuildQuery;
import dev.observatory.model.deploy.BuildStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Disk used by builds and deployments on this host: the engine-less equivalent of {@code docker system df}, plus the
 * engine's own report where a docker engine answers.
 *
 * @param entries
 *            one per place (build logs, build outputs, deployment work and logs, the store)
 * @param totalBytes
 *            sum of the known entries
 * @param dockerUnavailable
 *            why no docker engine was asked (null when one answered)
 * @param dockerDf
 *            the engine's {@code GET /system/df} as JSON rows (Type, TotalCount, SizeBytes), empty without an engine
 */
public record DiskUsage(List<Entry> entries, long totalBytes, String dockerUnavailable, List<String> dockerDf) {

    /**
     * One place.
     *
     * @param bytes
     *            -1 when unknown (e.g. the directory does not exist yet: reported as 0 bytes then)
     */
    public record Entry(String name, String path, long bytes, String description) {
    }

    private static final int MAX_BUILDS_SUMMED = 10_000;

    static DiskUsage measure(Tracking tracking, DeploymentSettings settings, String dockerHost) {
        List<Entry> entries = new ArrayList<>();
        if (settings != null) {
            Path buildLogs = Builds.buildLogDir(settings);
            entries.add(dir("build_logs", buildLogs, "logs of builds"));
            entries.add(dir("deployment_work", settings.workDir(), "working directories of process deployments"));
            entries.add(dir("deployment_logs", settings.logDir(), "logs of deployments (rotated)"));
        }
        long outputs = tracking.store().builds()
                .list(new BuildQuery(null, Set.of(BuildStatus.SUCCEEDED), MAX_BUILDS_SUMMED, 0)).stream()
                .filter(b -> b.sizeBytes() != null).mapToLong(b -> b.sizeBytes()).sum();
        entries.add(new Entry("build_outputs", null, outputs,
                "recorded sizes of succeeded builds' outputs (packages and images)"));
        long store = tracking.store().sizeBytes();
        entries.add(new Entry("store", tracking.store().kind(), store, "the metadata store on disk (-1: not local)"));
        long total = entries.stream().mapToLong(e -> Math.max(0, e.bytes())).sum();
        String why;
        List<String> df = null;
        try (DockerEngine engine = DockerEngine.at(dockerHost)) {
            why = DockerRuntime.unavailableReason(engine);
            df = why == null ? DockerImages.systemDf(engine) : null;
        } catch (RuntimeException e) {
            why = EngineErrors.reason(e);
        }
        why = why == null ? null : "docker is not available on this host: " + why;
        return new DiskUsage(entries, total, why, df == null ? List.of() : df);
    }

    private static Entry dir(String name, Path p, String description) {
        long bytes = BuildLauncher.sizeOf(p);
        return new Entry(name, p.toAbsolutePath().toString(), Math.max(0, bytes), description);
    }
}
