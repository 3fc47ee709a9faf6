package dev.observatory.client.apm;

import java.time.Duration;

/**
 * What an application tells the interceptor about one model call. Only {@code model} is required; every signal left
 * null is simply not recorded. Build with {@link #of(String)} and the {@code with...} methods:
 *
 * <pre>
 * interceptor.interceptModelCall(ModelCall.of("gpt-4o").prompt(p).response(r).confidence(0.64).gateThreshold(0.7));
 * </pre>
 */
public record ModelCall(String model, String prompt, String response, Long promptTokens, Long completionTokens,
        Double costUsd, Duration latency, String toolName, Integer retries, Boolean fallbackUsed, Double confidence,
        Double gateThreshold, Boolean highRiskPath, Boolean deterministicFallback, Double promptDiffScore,
        Boolean shadowAgreement, Boolean goldenScenario, Boolean goldenPassed, String error) {

    public ModelCall {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a model call needs the model name, e.g. ModelCall.of(\"gpt-4o\")");
        }
        if (confidence != null && !(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
        if (latency != null && latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, got " + latency);
        }
    }

    public static ModelCall of(String model) {
        return new ModelCall(model, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    public ModelCall prompt(String text) {
        return new ModelCall(model, text, response, promptTokens, completionTokens, costUsd, latency, toolName, retries,
                fallbackUsed, confidence, gateThreshold, highRiskPath, deterministicFallback, promptDiffScore,
                shadowAgreement, goldenScenario, goldenPassed, error);
    }

    public ModelCall response(String text) {
        return new ModelCall(model, prompt, text, promptTokens, completionTokens, costUsd, latency, toolName, retries,
                fallbackUsed, confidence, gateThreshold, highRiskPath, deterministicFallback, promptDiffScore,
                shadowAgreement, goldenScenario, goldenPassed, error);
    }

    /** Token usage as the provider reported it (otherwise it is estimated from the text). */
    public ModelCall usage(long input, long output) {
        return new ModelCall(model, prompt, response, input, output, costUsd, latency, toolName, retries, fallbackUsed,
                confidence, gateThreshold, highRiskPath, deterministicFallback, promptDiffScore, shadowAgreement,
                goldenScenario, goldenPassed, error);
    }

    /** A cost the caller computed; wins over the price table. */
    public ModelCall cost(double usd) {
        return new ModelCall(model, prompt, response, promptTokens, completionTokens, usd, latency, toolName, retries,
                fallbackUsed, confidence, gateThreshold, highRiskPath, deterministicFallback, promptDiffScore,
                shadowAgreement, goldenScenario, goldenPassed, error);
    }

    public ModelCall latency(Duration d) {
        return new ModelCall(model, prompt, response, promptTokens, completionTokens, costUsd, d, toolName, retries,
                fallbackUsed, confidence, gateThreshold, highRiskPath, deterministicFallback, promptDiffScore,
                shadowAgreement, goldenScenario, goldenPassed, error);
    }

    public ModelCall tool(String name) {
        return new ModelCall(model, prompt, response, promptTokens, completionTokens, costUsd, latency, name, retries,
                fallbackUsed, confidence, gateThreshold, highRiskPath, deterministicFallback, promptDiffScore,
                shadowAgreement, goldenScenario, goldenPassed, error);
    }

    public ModelCall retries(int n) {
        return new ModelCall(model, prompt, response, promptTokens, completionTokens, costUsd, latency, toolName, n,
                fallbackUsed, confidence, gateThreshold, highRiskPath, deterministicFallback, promptDiffScore,
                shadowAgreement, goldenScenario, goldenPassed, error);
    }

    public ModelCall fallbackUsed(boolean b) {
        return new ModelCall(model, prompt, response, promptTokens, completionTokens, costUsd, latency, toolName,
                retries, b, confidence, gateThreshold, highRiskPath, deterministicFallback, promptDiffScore,
                shadowAgreement, goldenScenario, goldenPassed, error);
    }

    public ModelCall confidence(double c) {
        return new ModelCall(model, prompt, response, promptTokens, completionTokens, costUsd, latency, toolName,
                retries, fallbackUsed, c, gateThreshold, highRiskPath, deterministicFallback, promptDiffScore,
                shadowAgreement, goldenScenario, goldenPassed, error);
    }

    /** The confidence gate's threshold: a confidence below it means the gate blocked the answer. */
    public ModelCall gateThreshold(double t) {
        return new ModelCall(model, prompt, response, promptTokens, completionTokens, costUsd, latency, toolName,
                retries, fallbackUsed, confidence, t, highRiskPath, deterministicFallback, promptDiffScore,
                shadowAgreement, goldenScenario, goldenPassed, error);
    }

    public ModelCall highRiskPath(boolean b) {
        return new ModelCall(model, prompt, response, promptTokens, completionTokens, costUsd, latency, toolName,
                retries, fallbackUsed, confidence, gateThreshold, b, deterministicFallback, promptDiffScore,
                shadowAgreement, goldenScenario, goldenPassed, error);
    }

    public ModelCall deterministicFallback(boolean b) {
        return new ModelCall(model, prompt, response, promptTokens, completionTokens, costUsd, latency, toolName,
                retries, fallbackUsed, confidence, gateThreshold, highRiskPath, b, promptDiffScore, shadowAgreement,
                goldenScenario, goldenPassed, error);
    }

    public ModelCall promptDiffScore(double s) {
        return new ModelCall(model, prompt, response, promptTokens, completionTokens, costUsd, latency, toolName,
                retries, fallbackUsed, confidence, gateThreshold, highRiskPath, deterministicFallback, s,
                shadowAgreement, goldenScenario, goldenPassed, error);
    }

    public ModelCall shadowAgreement(boolean b) {
        return new ModelCall(model, prompt, response, promptTokens, completionTokens, costUsd, latency, toolName,
                retries, fallbackUsed, confidence, gateThreshold, highRiskPath, deterministicFallback, promptDiffScore,
                b, goldenScenario, goldenPassed, error);
    }

    /** Marks a golden (financial) scenario and whether its answer passed. */
    public ModelCall golden(boolean passed) {
        return new ModelCall(model, prompt, response, promptTokens, completionTokens, costUsd, latency, toolName,
                retries, fallbackUsed, confidence, gateThreshold, highRiskPath, deterministicFallback, promptDiffScore,
                shadowAgreement, true, passed, error);
    }

    public ModelCall error(String type) {
        return new ModelCall(model, prompt, response, promptTokens, completionTokens, costUsd, latency, toolName,
                retries, fallbackUsed, confidence, gateThreshold, highRiskPath, deterministicFallback, promptDiffScore,
                shadowAgreement, goldenScenario, goldenPassed, type);
    }

    /** The confidence gate blocked: a confidence below the threshold. */
    boolean gateBlocked() {
        return confidence != null && gateThreshold != null && confidence < gateThreshold;
    }
}
