package dev.observatory.model.trace;

/**
 * The reliability signals an instrumented LLM call may carry, under the {@code observatory.} attribute namespace (see
 * {@link ObservatoryAttributes}). Every field is null when the span does not say.
 *
 * @param retries
 *            retries before the answer ({@code observatory.retries})
 * @param fallbackUsed
 *            a fallback model or path answered ({@code observatory.fallback_used})
 * @param confidence
 *            the answer's confidence in [0, 1] ({@code observatory.confidence})
 * @param gateThreshold
 *            the confidence gate's threshold ({@code observatory.confidence_gate.threshold})
 * @param gateBlocked
 *            whether the confidence gate blocked the answer ({@code observatory.confidence_gate.blocked})
 * @param deterministicFallback
 *            a deterministic (rule-based) fallback was triggered ({@code observatory.deterministic_fallback})
 * @param highRiskPath
 *            the call was on a high-risk path ({@code observatory.high_risk_path})
 * @param promptDiffScore
 *            distance of the prompt from its reviewed version in [0, 1] ({@code observatory.prompt_diff_score})
 * @param shadowAgreement
 *            whether a shadow model agreed ({@code observatory.shadow_agreement})
 * @param goldenScenario
 *            the call replayed a golden (e.g. financial) scenario ({@code observatory.golden_scenario})
 * @param goldenPassed
 *            whether that golden scenario passed ({@code observatory.golden_passed})
 */
public record SpanReliability(Integer retries, Boolean fallbackUsed, Double confidence, Double gateThreshold,
        Boolean gateBlocked, Boolean deterministicFallback, Boolean highRiskPath, Double promptDiffScore,
        Boolean shadowAgreement, Boolean goldenScenario, Boolean goldenPassed) {

    /** No signal. */
    public static final SpanReliability NONE = new SpanReliability(null, null, null, null, null, null, null, null, null,
            null, null);
}
