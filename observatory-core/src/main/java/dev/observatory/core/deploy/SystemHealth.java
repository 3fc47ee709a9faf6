package dev.observatory.core.deploy;

import dev.observatory.core.Tracking;
import dev.observatory.core.job.Jobs;
import dev.observatory.core.release.ReleaseSnapshot;
import dev.observatory.core.release.Releases;
import dev.observatory.store.Health;
import java.util.ArrayList;
import java.util.List;

/**
 * health_check without a target: the state of each part of this server (store, blob store, job executor, deployment
 * runtime, docker, release repository), each ok, disabled (not configured or not running here) or down with why.
 */
public final class SystemHealth {
    private SystemHealth() {
    }

    /** One part's state: ok, disabled or down. */
    public record Check(String name, String status, String detail) {
    }

    public static List<Check> check(Tracking tracking) {
        List<Check> out = new ArrayList<>();
        Health store = tracking.store().check();
        out.add(new Check("store", store.ok() ? "ok" : "down",
                tracking.store().kind() + (store.detail() == null ? "" : ": " + store.detail())));
        out.add(tracking.hasBlobs() ? new Check("blob_store", "ok", tracking.blobs().kind())
                : new Check("blob_store", "disabled", "no blob store configured"));
        Jobs jobs = new Jobs(tracking);
        out.add(jobs.enabled() ? new Check("job_executor", "ok", jobs.runner().running() + " jobs running")
                : new Check("job_executor", "disabled", "this server runs no jobs"));
        Deployments d = new Deployments(tracking);
        out.add(d.enabled() ? new Check("deployment_runtime", "ok", d.runner().running() + " deployments running")
                : new Check("deployment_runtime", "disabled", "this server runs no deployments"));
        out.add(docker(d.runnerIfConfigured().map(DeploymentRunner::dockerHost).orElse(DockerEngine.configuredHost())));
        out.add(release(tracking));
        return out;
    }

    /**
     * The Docker engine: ok when it answers, disabled when nothing is configured (no DOCKER_HOST and no default
     * socket), down with the reason when a configured engine does not answer.
     */
    private static Check docker(String host) {
        try (DockerEngine engine = DockerEngine.at(host)) {
            String why = DockerRuntime.unavailableReason(engine);
            if (why == null) {
                return new Check("docker", "ok", "Docker engine at " + host + " answers (Engine API)");
            }
            boolean configured = System.getenv("DOCKER_HOST") != null
                    || !host.equals("unix://" + DockerEngine.DEFAULT_SOCKET);
            return configured || !why.contains("does not exist") ? new Check("docker", "down", why)
                    : new Check("docker", "disabled", why + ": the process runtime serves deployments");
        } catch (RuntimeException e) {
            return new Check("docker", "down", EngineErrors.reason(e));
        }
    }

    private static Check release(Tracking tracking) {
        Releases r = new Releases(tracking);
        if (!r.configured()) {
            return new Check("release_repo", "disabled", "no release repository configured (release_repo)");
        }
        try {
            ReleaseSnapshot s = r.snapshot();
            return new Check("release_repo", "ok", s.branch() + " at " + s.commitId());
        } catch (RuntimeException e) {
            return new Check("release_repo", "down", e.getMessage());
        }
    }
}
