package dev.observatory.mcp.deploy;

import dev.observatory.mcp.tool.PromptArgs;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;

/** The prompts deploy_model (local or staging deployment) and troubleshoot_deployment (why is it failing). */
public final class DeploymentPrompts {
    public static final String DEPLOY = "deploy_model";
    public static final String TROUBLESHOOT = "troubleshoot_deployment";

    private DeploymentPrompts() {
    }

    public static List<SyncPromptSpecification> specs() {
        Prompt deploy = new Prompt(DEPLOY, "Deploy a model",
                "Deploy a model version locally or to staging and confirm it serves: get_latest_version,"
                        + " execute_deployment, get_deployment_health, discover_api_spec.",
                List.of(new PromptArgument("model", "Model", "Registered model to deploy.", true),
                        new PromptArgument("version", "Version", "Version number or alias (default: latest).", false),
                        new PromptArgument("environment", "Environment", "local (default) or staging.", false)));
        Prompt troubleshoot = new Prompt(TROUBLESHOOT, "Troubleshoot a deployment",
                "Find out why a deployment fails or is unhealthy: list_deployments, get_deployment,"
                        + " get_deployment_health, get_deployment_logs.",
                List.of(new PromptArgument("deployment", "Deployment", "Deployment id, or a port such as 8000.",
                        true)));
        return List.of(new SyncPromptSpecification(deploy, (exchange, req) -> {
            Map<String, Object> a = PromptArgs.require(req.arguments(), DEPLOY, "model");
            String version = a.get("version") instanceof String v && !v.isBlank() ? v : "latest";
            String env = a.get("environment") instanceof String e && !e.isBlank() ? e : "local";
            return PromptArgs.userMessage("Deploy " + a.get("model") + " " + version,
                    deployText(a.get("model").toString(), version, env));
        }), new SyncPromptSpecification(troubleshoot, (exchange, req) -> {
            Map<String, Object> a = PromptArgs.require(req.arguments(), TROUBLESHOOT, "deployment");
            return PromptArgs.userMessage("Troubleshoot " + a.get("deployment"),
                    troubleshootText(a.get("deployment").toString()));
        }));
    }

    static String deployText(String model, String version, String environment) {
        return """
                Deploy the registered model "%1$s" version %2$s to the %3$s environment on this host and confirm \
                that it serves. Production is never deployed this way (use propose_production_deployment).

                1. get_latest_version / get_version for "%1$s": confirm the version and note its source path.
                2. list_docker_templates: pick the serving template (vllm for OpenAI-compatible LLM serving), or
                   ask the user for the serving command.
                3. execute_deployment model="%1$s" version="%2$s" environment="%3$s" template=<template>
                   (or command=[...] with {model_path} and {port}); leave port out to get a free one.
                4. If the answer is failed or unhealthy: get_deployment_logs deployment_id=<id> lines=50 and
                   explain the cause from the log; do not retry blindly.
                5. If healthy: get_deployment_health and discover_api_spec; report the endpoint, the API it speaks
                   and how to call it. Offer benchmark_model next.
                """.formatted(model, version, environment);
    }

    static String troubleshootText(String deployment) {
        return """
                Find out why the deployment "%1$s" is failing.

                1. If "%1$s" is a port, list_deployments and find the deployment on that port; else
                   get_deployment deployment_id="%1$s". Note status and status_message.
                2. get_deployment_health: HTTP status, latency and body, or why no answer came.
                3. get_deployment_logs lines=100 (then grep="error|exception|traceback|address already in use|out
                   of memory"): find the first error and what caused it.
                4. Explain the cause in one paragraph and propose a fix (other port, other template, missing
                   weights, GPU memory). restart_deployment only when the fix needs no change of command.
                """.formatted(deployment);
    }
}
