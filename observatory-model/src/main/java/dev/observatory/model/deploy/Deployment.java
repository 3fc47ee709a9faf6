package dev.observatory.model.deploy;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model version deployed to a runtime on this host (local and staging deployments; production lives in release
 * configs).
 *
 * @param id
 *            unique id
 * @param model
 *            registered model name
 * @param version
 *            the version number served (as text, e.g. "3")
 * @param versionId
 *            the registry's id of that version
 * @param environment
 *            "local" or "staging"
 * @param runtime
 *            "process" (a local child process) or "docker"
 * @param template
 *            the serving template the command came from (vllm, tgi, triton, custom), or "command" for a given argv
 * @param argv
 *            the command as run, placeholders filled in
 * @param port
 *            the port the server listens on
 * @param env
 *            variables added to the server's environment; secret-looking values must never leave the server (views
 *            redact them)
 * @param endpoint
 *            base URL of the served API, e.g. {@code http://127.0.0.1:8000}
 * @param healthUrl
 *            the URL probed for health
 * @param statusMessage
 *            why the status is what it is (failure reason with the log tail, health probe result); may be null
 * @param pid
 *            the process id while one runs (null before and for docker without a local process)
 * @param processStart
 *            when the OS started that process (re-attachment after a restart checks it)
 * @param logPath
 *            the deployment's log file
 * @param restarts
 *            how many times it was started again after the first start
 */
public record Deployment(String id, String model, String version, String versionId, String environment, String runtime,
        String template, List<String> argv, int port, Map<String, String> env, String endpoint, String healthUrl,
        DeploymentStatus status, String statusMessage, Long pid, Instant processStart, String logPath, int restarts,
        String createdBy, Instant createdAt, Instant updatedAt) {

    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        argv = List.copyOf(argv);
        env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /** This deployment with another status and message, changed at {@code at}. */
    public Deployment withStatus(DeploymentStatus newStatus, String message, Instant at) {
        return new Deployment(id, model, version, versionId, environment, runtime, template, argv, port, env, endpoint,
                healthUrl, newStatus, message, pid, processStart, logPath, restarts, createdBy, createdAt, at);
    }

    /** This deployment with its process (null pid: none runs). */
    public Deployment withProcess(Long newPid, Instant newProcessStart, String newLogPath, Instant at) {
        return new Deployment(id, model, version, versionId, environment, runtime, template, argv, port, env, endpoint,
                healthUrl, status, statusMessage, newPid, newProcessStart, newLogPath, restarts, createdBy, createdAt,
                at);
    }

    /** This deployment started again: restarts + 1, with another port (and endpoint, health URL) when it moved. */
    public Deployment restarted(List<String> newArgv, int newPort, String newEndpoint, String newHealthUrl,
            Instant at) {
        return new Deployment(id, model, version, versionId, environment, runtime, template, newArgv, newPort, env,
                newEndpoint, newHealthUrl, DeploymentStatus.PENDING, null, null, null, logPath, restarts + 1, createdBy,
                createdAt, at);
    }
}
