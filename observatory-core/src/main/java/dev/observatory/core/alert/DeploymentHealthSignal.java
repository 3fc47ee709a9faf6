package dev.observatory.core.alert;

import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentQuery;
import dev.observatory.model.deploy.DeploymentStatus;
import dev.observatory.store.NotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code deployment_health}: one series per deployment, 1 while it is unhealthy, failed or lost and 0 otherwise
 * (starting, healthy, stopped), labelled deployment, model, version and environment, with its status, message, endpoint
 * and restarts as context. A rule "above 0" fires once per broken deployment and resolves when it is healthy again or
 * stopped on purpose. Parameters (all optional): {@code model}, {@code deployment} (an id). The newest
 * {@value #MAX_DEPLOYMENTS} deployments (of the model) are read once per round for every rule.
 */
final class DeploymentHealthSignal implements AlertSignal {
    static final Set<DeploymentStatus> BROKEN = Set.of(DeploymentStatus.UNHEALTHY, DeploymentStatus.FAILED,
            DeploymentStatus.LOST);
    static final int MAX_DEPLOYMENTS = 1000;

    @Override
    public String kind() {
        return "deployment_health";
    }

    @Override
    public String description() {
        return "deployments of model versions: 1 while unhealthy, failed or lost, else 0; params: model, "
                + "deployment (id)";
    }

    @Override
    public void validate(Map<String, String> params) {
        if (params.get("deployment") != null && params.get("model") != null) {
            throw new IllegalArgumentException("deployment_health takes params.deployment or params.model, not both");
        }
    }

    @Override
    public List<Sample> sample(AlertRule rule, Round round) {
        Map<String, String> p = rule.params();
        List<Deployment> deployments;
        if (p.get("deployment") != null) {
            deployments = List.of(round.tracking().store().deployments().get(p.get("deployment"))
                    .orElseThrow(() -> new NotFoundException(
                            "no deployment with id '" + p.get("deployment") + "': list_deployments shows them")));
        } else {
            String model = p.get("model");
            deployments = round.memo(Arrays.asList(kind(), model), () -> round.tracking().store().deployments()
                    .list(new DeploymentQuery(model, Set.of(), MAX_DEPLOYMENTS, 0)));
        }
        List<Sample> out = new ArrayList<>();
        for (Deployment d : deployments) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("status", d.status().wire());
            if (d.statusMessage() != null) {
                context.put("message", d.statusMessage());
            }
            context.put("endpoint", d.endpoint());
            context.put("restarts", d.restarts());
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("deployment", d.id());
            labels.put("model", d.model());
            labels.put("version", String.valueOf(d.version()));
            labels.put("environment", String.valueOf(d.environment()));
            out.add(new Sample(labels, BROKEN.contains(d.status()) ? 1 : 0, context));
        }
        return out;
    }
}
