package dev.observatory.core.deploy;

import dev.observatory.core.Tracking;
import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Re-attachment of docker deployments after a server restart: the engine's containers labelled
 * {@value DockerEngine#LABEL} are listed once; a running one is followed again (its output from now on goes to the
 * deployment's log again), an exited one is recorded failed with its exit code and log tail (then removed), a missing
 * one lost, and every one of them lost with the reason when the engine does not answer.
 */
final class ContainerRecovery {
    private static final int TAIL = 20;

    private final DeploymentRunner runner;
    private final Tracking tracking;
    private Map<String, DockerEngine.LabelledContainer> labelled;
    private String engineProblem;

    ContainerRecovery(DeploymentRunner runner, Tracking tracking) {
        this.runner = runner;
        this.tracking = tracking;
    }

    private boolean listed() {
        if (labelled == null && engineProblem == null) {
            try {
                engineProblem = DockerRuntime.unavailableReason(runner.engine());
                if (engineProblem == null) {
                    labelled = runner.engine().labelled();
                }
            } catch (RuntimeException e) {
                engineProblem = EngineErrors.reason(e);
            }
        }
        return labelled != null;
    }

    void recover(Deployment d, Instant now) {
        if (!listed()) {
            lost(d, "recorded as " + d.status().wire() + " but the Docker engine at " + runner.dockerHost()
                    + " does not answer after a restart (" + engineProblem + "); its container may still run:"
                    + " stop_deployment removes it once the engine answers", now);
            return;
        }
        DockerEngine.LabelledContainer c = labelled.get(d.id());
        if (c == null) {
            lost(d, "recorded as " + d.status().wire() + " but its container " + DockerEngine.containerName(d.id())
                    + " is gone after a restart", now);
            return;
        }
        DockerEngine engine = runner.engine();
        try {
            if ("running".equals(c.state())) {
                ContainerProcess p = ContainerProcess.follow(engine, c.containerId(),
                        DockerEngine.containerName(d.id()), runner.settings().grace(),
                        (int) Instant.now().getEpochSecond());
                Deployment reattached = store().update(d.withStatus(d.status(),
                        "re-attached to container " + DockerEngine.containerName(d.id()) + " ("
                                + DeploymentRunner.shortId(c.containerId()) + ") after a restart (was "
                                + d.status().wire() + "); its output is captured again from now on",
                        now));
                runner.watchReattached(reattached, p);
                return;
            }
            DockerEngine.ContainerState s = engine.inspect(c.containerId());
            List<String> tail = engine.logs(c.containerId(), TAIL);
            engine.remove(c.containerId());
            String exit = s.exitCode() == null ? "exit code unknown" : "exit code " + s.exitCode();
            store().update(d.withProcess(null, null, d.logPath(), now).withStatus(DeploymentStatus.FAILED,
                    "its container exited while the server was down (" + exit + (s.oomKilled() ? ", out of memory" : "")
                            + ")" + (tail.isEmpty() ? "; it printed nothing"
                                    : "; last lines of its log:\n" + String.join("\n", redact(d, tail))),
                    now));
            tracking.auditor().record(DeploymentRunner.ACTOR, "deployment.ended", "deployment/" + d.id(),
                    "failed " + exit + " (found after a restart)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            lost(d, "recorded as " + d.status().wire() + " but its container could not be re-attached after a restart: "
                    + EngineErrors.reason(e), now);
        }
    }

    private static List<String> redact(Deployment d, List<String> lines) {
        dev.observatory.core.job.SecretRedactor r = new dev.observatory.core.job.SecretRedactor(d.env());
        return lines.stream().map(r::redact).toList();
    }

    private void lost(Deployment d, String why, Instant now) {
        store().update(d.withProcess(null, null, d.logPath(), now).withStatus(DeploymentStatus.LOST, why, now));
        tracking.auditor().record(DeploymentRunner.ACTOR, "deployment.lost", "deployment/" + d.id(), why);
    }

    private dev.observatory.store.DeploymentStore store() {
        return tracking.store().deployments();
    }
}
