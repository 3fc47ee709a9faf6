package dev.observatory.core.alert;

import dev.observatory.core.Tracking;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A source of values that alert rules compare with thresholds: trace metrics, SLO burn, run metrics; job guardrails and
 * deployment health plug in by implementing this interface and registering with {@link AlertSignals#register}.
 */
public interface AlertSignal {

    /** The name rules use in their {@code signal} field (snake_case). */
    String kind();

    /** One line saying what the signal measures and its parameters (shown by list_alert_rules). */
    String description();

    /** Checks a rule's parameters; IllegalArgumentException saying what to fix. */
    void validate(Map<String, String> params);

    /** The current values of the rule's series (one per label set, e.g. per service or run). */
    List<Sample> sample(AlertRule rule, Round round);

    /**
     * One value of a series.
     *
     * @param labels
     *            what tells the series apart (service, run, slo ...); the alert's fingerprint includes them
     * @param context
     *            facts for people (e.g. trace ids, the run's name); may be empty
     */
    record Sample(Map<String, String> labels, double value, Map<String, Object> context) {
        public Sample {
            labels = Map.copyOf(labels);
            context = context == null ? Map.of() : Map.copyOf(context);
        }
    }

    /** One evaluation round: the time and a cache that rules sharing a query use once per round. */
    final class Round {
        private final Tracking tracking;
        private final Instant now;
        private final Map<Object, Object> memo = new HashMap<>();

        public Round(Tracking tracking, Instant now) {
            this.tracking = tracking;
            this.now = now;
        }

        public Tracking tracking() {
            return tracking;
        }

        public Instant now() {
            return now;
        }

        /** The value computed once per round for the key. */
        @SuppressWarnings("unchecked")
        public <T> T memo(Object key, Supplier<T> compute) {
            Object v = memo.get(key);
            if (v == null) {
                v = compute.get();
                memo.put(key, v);
            }
            return (T) v;
        }
    }
}
