package dev.observatory.core.deploy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * discover_api_spec: probes the well-known paths of a serving endpoint and says what it speaks. OpenAI-compatible when
 * {@code /v1/models} answers a model list or the OpenAPI document names {@code /v1/completions} or
 * {@code /v1/chat/completions}; TGI when {@code /info} answers a {@code model_id} or the document names
 * {@code /generate}; Triton when {@code /v2/health/ready} answers 2xx; otherwise custom.
 */
public final class ApiDiscovery {
    /** The paths probed, in order. */
    public static final List<String> PATHS = List.of("/openapi.json", "/docs", "/v1/models", "/health", "/metrics",
            "/info", "/v2/health/ready");

    private ApiDiscovery() {
    }

    /**
     * What was found.
     *
     * @param api
     *            openai, tgi, triton or custom
     * @param evidence
     *            why, one sentence per clue
     * @param probes
     *            every path probed with its result
     */
    public record Discovery(String baseUrl, String api, List<String> evidence, Map<String, HealthResult> probes) {
    }

    /** Probes every path of {@code baseUrl} (already checked by the caller: no trailing slash). */
    public static Discovery discover(String baseUrl, Duration timeout, Clock clock) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        Map<String, HealthResult> probes = new LinkedHashMap<>();
        for (String p : PATHS) {
            probes.put(p, HealthProbe.probe(base + p, timeout, clock, HealthProbe.READ_BYTES));
        }
        List<String> evidence = new ArrayList<>();
        String api = classify(probes, evidence);
        Map<String, HealthResult> kept = new LinkedHashMap<>();
        probes.forEach((path, r) -> kept.put(path, excerpt(r)));
        return new Discovery(base, api, evidence, kept);
    }

    static String classify(Map<String, HealthResult> p, List<String> evidence) {
        String openapi = body(p.get("/openapi.json"));
        if (body(p.get("/v1/models")).contains("\"data\"")) {
            evidence.add("/v1/models answers an OpenAI-style model list");
        }
        if (openapi.contains("/v1/completions") || openapi.contains("/v1/chat/completions")) {
            evidence.add("/openapi.json documents OpenAI completion paths");
        }
        if (!evidence.isEmpty()) {
            return "openai";
        }
        if (body(p.get("/info")).contains("\"model_id\"") || openapi.contains("\"/generate\"")) {
            evidence.add("/info answers a model_id or /openapi.json documents /generate (Text Generation Inference)");
            return "tgi";
        }
        HealthResult triton = p.get("/v2/health/ready");
        if (triton != null && triton.ok()) {
            evidence.add("/v2/health/ready answers 2xx (KServe v2 / Triton)");
            return "triton";
        }
        evidence.add("no OpenAI, TGI or Triton paths answered");
        return "custom";
    }

    private static HealthResult excerpt(HealthResult r) {
        if (r.body() == null || r.body().length() <= HealthProbe.MAX_BODY) {
            return r;
        }
        return new HealthResult(r.url(), r.ok(), r.httpStatus(), r.latencyMs(),
                r.body().substring(0, HealthProbe.MAX_BODY), true, r.error(), r.checkedAt());
    }

    private static String body(HealthResult r) {
        return r == null || !r.ok() || r.body() == null ? "" : r.body();
    }
}
