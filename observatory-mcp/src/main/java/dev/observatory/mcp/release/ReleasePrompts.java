package dev.observatory.mcp.release;

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

/** The prompts propose_production_deployment (GitOps pull request) and benchmark_model (measure and compare). */
public final class ReleasePrompts {
    public static final String PROPOSE = "propose_production_deployment";
    public static final String BENCHMARK = "benchmark_model";

    private ReleasePrompts() {
    }

    public static List<SyncPromptSpecification> specs() {
        Prompt propose = new Prompt(PROPOSE, "Propose a production deployment",
                "Draft a production release config change for a model version and open a pull request for human"
                        + " review: get_machine_topology, list_docker_templates, propose_release_config.",
                List.of(new PromptArgument("model", "Model", "Registered model to deploy.", true),
                        new PromptArgument("version", "Version", "Version number or alias (default: champion).", false),
                        new PromptArgument("machine", "Machine", "Target machine (default: one with free GPUs).",
                                false)));
        Prompt benchmark = new Prompt(BENCHMARK, "Benchmark a model",
                "Benchmark a serving endpoint of a model version and compare it with the previous version:"
                        + " run_benchmark, get_benchmark_summary.",
                List.of(new PromptArgument("model", "Model", "Registered model the endpoint serves.", true),
                        new PromptArgument("version", "Version", "Version the endpoint serves.", true),
                        new PromptArgument("endpoint", "Endpoint", "Base URL, e.g. http://127.0.0.1:8000.", true)));
        return List.of(new SyncPromptSpecification(propose, (exchange, req) -> {
            Map<String, Object> a = PromptArgs.require(req.arguments(), PROPOSE, "model");
            String version = a.get("version") instanceof String v && !v.isBlank() ? v : "champion";
            String machine = a.get("machine") instanceof String m && !m.isBlank() ? "machine \"" + m + "\""
                    : "a machine with enough free GPUs";
            return PromptArgs.userMessage("Propose deploying " + a.get("model") + " " + version,
                    proposeText(a.get("model").toString(), version, machine));
        }), new SyncPromptSpecification(benchmark, (exchange, req) -> {
            Map<String, Object> a = PromptArgs.require(req.arguments(), BENCHMARK, "model", "version", "endpoint");
            return PromptArgs.userMessage("Benchmark " + a.get("model") + " " + a.get("version"), benchmarkText(
                    a.get("model").toString(), a.get("version").toString(), a.get("endpoint").toString()));
        }));
    }

    static String proposeText(String model, String version, String machine) {
        return """
                Draft a production deployment of the registered model "%1$s" version %2$s on %3$s. Production \
                changes go through a pull request that a human reviews; never claim it is deployed.

                1. get_latest_version / get_version for "%1$s": confirm the version exists and note its metrics.
                2. get_models_by_deployment model="%1$s": where it runs now (to replace or add a deployment).
                3. get_machine_topology (only_with_conflicts=false): pick the machine, free GPU ids and a free port;
                   do not build on a machine that already has conflicts without telling the user.
                4. list_docker_templates: choose the serving template (vllm for OpenAI-compatible LLM serving).
                5. propose_release_config machine=<machine> deployment=<name> model="%1$s" version="%2$s"
                   template=<template> port=<port> gpus=[...] title=<short title> description=<why>.
                   If it is refused, show the conflicts and pick other GPUs/ports.
                6. Report the pull request URL, or the branch, the diff and why no pull request was opened.
                """.formatted(model, version, machine);
    }

    static String benchmarkText(String model, String version, String endpoint) {
        return """
                Benchmark the serving endpoint %3$s of the registered model "%1$s" version %2$s.

                1. run_benchmark endpoint="%3$s" model="%1$s" version="%2$s" concurrency="1,4,16"
                   duration_seconds=10 with 3-5 representative prompts (ask the user if unsure).
                2. Report per concurrency level: throughput, p50/p95/p99 latency, error rate and tokens/s; name
                   the level where latency starts to climb.
                3. get_benchmark_summary model="%1$s": say whether this version regressed against the previous one
                   and why (the summary states its rule).
                """.formatted(model, version, endpoint);
    }
}
