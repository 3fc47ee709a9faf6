package dev.observatory.model.trace;

/** Names of the {@code observatory.*} span attributes that carry reliability signals and explicit costs. */
public final class ObservatoryAttributes {
    public static final String RETRIES = "observatory.retries";
    public static final String FALLBACK_USED = "observatory.fallback_used";
    public static final String CONFIDENCE = "observatory.confidence";
    public static final String GATE_THRESHOLD = "observatory.confidence_gate.threshold";
    public static final String GATE_BLOCKED = "observatory.confidence_gate.blocked";
    public static final String DETERMINISTIC_FALLBACK = "observatory.deterministic_fallback";
    public static final String HIGH_RISK_PATH = "observatory.high_risk_path";
    public static final String PROMPT_DIFF_SCORE = "observatory.prompt_diff_score";
    public static final String SHADOW_AGREEMENT = "observatory.shadow_agreement";
    public static final String GOLDEN_SCENARIO = "observatory.golden_scenario";
    public static final String GOLDEN_PASSED = "observatory.golden_passed";
    /** A cost in US dollars computed by the caller; wins over the price table. */
    public static final String COST_USD = "observatory.cost_usd";

    private ObservatoryAttributes() {
    }
}
