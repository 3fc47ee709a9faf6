package dev.observatory.model.slo;

/** Delivery log lines since a time (epoch ms, inclusive), optionally of one sink / outcome, newest first. */
public record DeliveryQuery(long sinceMs, String sink, String outcome, int limit) {

    public DeliveryQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }
}
