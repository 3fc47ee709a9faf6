package dev.observatory.client.apm;

import java.util.Map;

/**
 * Settings of an interceptor.
 *
 * @param prices
 *            USD per million tokens by model: {@code {input, output}}; a model without a price gets cost null (never a
 *            guessed price). Empty by default: when exporting to Observatory the server prices calls with its own
 *            table.
 * @param thresholds
 *            when a snapshot rate raises an alert
 * @param queueCapacity
 *            traced calls waiting for export; beyond it calls are dropped from export (counted), never blocked
 * @param window
 *            how many recent calls the snapshot and alerts look at
 */
public record ApmSettings(Map<String, double[]> prices, AlertThresholds thresholds, int queueCapacity, int window) {

    public ApmSettings {
        prices = prices == null ? Map.of() : Map.copyOf(prices);
        prices.forEach((model, p) -> {
            if (p.length != 2 || !(p[0] >= 0) || !(p[1] >= 0)) {
                throw new IllegalArgumentException(
                        "price of " + model + " must be {input, output} USD per million" + " tokens, both >= 0");
            }
        });
        if (thresholds == null) {
            thresholds = AlertThresholds.defaults();
        }
        if (queueCapacity < 1 || window < 1) {
            throw new IllegalArgumentException("queueCapacity and window must be positive");
        }
    }

    /** No prices, default thresholds, 10,000 queued calls, a window of the last 1,000 calls. */
    public static ApmSettings defaults() {
        return new ApmSettings(Map.of(), AlertThresholds.defaults(), 10_000, 1_000);
    }

    public ApmSettings withPrices(Map<String, double[]> p) {
        return new ApmSettings(p, thresholds, queueCapacity, window);
    }

    public ApmSettings withThresholds(AlertThresholds t) {
        return new ApmSettings(prices, t, queueCapacity, window);
    }

    public ApmSettings withQueueCapacity(int n) {
        return new ApmSettings(prices, thresholds, n, window);
    }
}
