package dev.observatory.core.trace;

/**
 * Settings of the trace service: the model price table (with overrides), the alert thresholds and how long spans are
 * kept.
 *
 * @param calls
 *            derives the LLM call view at ingest (holds the price table)
 * @param thresholds
 *            alert thresholds of the metrics snapshot
 * @param retentionDays
 *            spans older than this many days are deleted (0: kept forever)
 */
public record TraceSettings(LlmCallView calls, AlertThresholds thresholds, int retentionDays) {

    /** Default retention of spans, in days. */
    public static final int DEFAULT_RETENTION_DAYS = 30;

    public TraceSettings {
        if (retentionDays < 0) {
            throw new IllegalArgumentException(
                    "trace_retention_days must be 0 (keep forever) or more, got " + retentionDays);
        }
    }

    /** Default prices, thresholds and retention. */
    public static TraceSettings defaults() {
        return new TraceSettings(new LlmCallView(ModelPrices.defaults()), AlertThresholds.defaults(),
                DEFAULT_RETENTION_DAYS);
    }

    /**
     * From configuration values: price overrides ({@code model=in/out,...}, may be null), thresholds overrides
     * ({@code name=value,...}, may be null) and the retention in days.
     */
    public static TraceSettings of(String priceOverrides, String thresholdOverrides, int retentionDays) {
        return new TraceSettings(new LlmCallView(ModelPrices.defaults().with(priceOverrides)),
                AlertThresholds.defaults().with(thresholdOverrides), retentionDays);
    }
}
