package dev.observatory.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observatory.core.Actor;
import dev.observatory.core.Auditor;
import dev.observatory.core.Tracking;
import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentStatus;
import dev.observatory.store.memory.InMemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A broken deployment is an alert signal: a rule over it fires per deployment and resolves when it is healthy. */
class DeploymentHealthSignalTest {
    static final Instant T0 = Instant.parse("2025-06-30T12:00:00Z");
    final MutableClock clock = new MutableClock(T0);
    final InMemoryStorage store = new InMemoryStorage();
    final Tracking tracking = new Tracking(store, clock, false, new Auditor(store.audit(), clock));
    final Actor actor = Actor.anonymous("test");

    @AfterEach
    void close() {
        AlertEngine.of(tracking).close();
    }

    private Deployment deployment(String id, String model, DeploymentStatus status) {
        return store.deployments()
                .create(new Deployment(id, model, "3", "v-" + id, "local", "process", "custom",
                        List.of("python3", "serve.py"), 8001, Map.of(), "http://127.0.0.1:8001",
                        "http://127.0.0.1:8001/health", status, null, null, null, null, 0, "ada", T0, T0));
    }

    @Test
    void anUnhealthyDeploymentFiresAndResolvesWhenItIsHealthyAgain() {
        Alerts alerts = new Alerts(tracking);
        alerts.createRule(actor, new AlertRule("deployment-down", "deployment_health", Map.of("model", "chat"), true, 0,
                Duration.ZERO, Severity.CRITICAL, Map.of("team", "serving"), "a deployment is down"));
        deployment("d1", "chat", DeploymentStatus.HEALTHY);
        Deployment broken = deployment("d2", "chat", DeploymentStatus.HEALTHY);
        deployment("d3", "other", DeploymentStatus.FAILED);
        assertThat(alerts.evaluate()).as("all of chat's deployments are healthy").isEmpty();

        store.deployments().update(broken.withStatus(DeploymentStatus.UNHEALTHY, "health URL answered 503", T0));
        assertThat(alerts.evaluate()).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo("firing");
            assertThat(n.alert().labels()).containsEntry("deployment", "d2").containsEntry("model", "chat")
                    .containsEntry("team", "serving");
            assertThat(n.alert().context()).containsEntry("status", "unhealthy").containsEntry("message",
                    "health URL answered 503");
        });
        assertThat(alerts.evaluate()).as("still firing, not sent again").isEmpty();

        store.deployments().update(broken.withStatus(DeploymentStatus.HEALTHY, null, T0.plusSeconds(60)));
        assertThat(alerts.evaluate()).singleElement().satisfies(n -> assertThat(n.state()).isEqualTo("resolved"));
    }

    @Test
    void modelAndDeploymentCannotBothBeGiven() {
        assertThatThrownBy(
                () -> new Alerts(tracking)
                        .createRule(actor,
                                new AlertRule("bad", "deployment_health", Map.of("model", "a", "deployment", "b"), true,
                                        0, Duration.ZERO, Severity.ERROR, Map.of(), null)))
                                                .hasMessageContaining("not both");
    }
}
