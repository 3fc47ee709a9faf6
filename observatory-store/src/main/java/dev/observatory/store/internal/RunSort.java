package dev.observatory.store.internal;

import java.util.Set;

/**
 * A parsed {@code RunQuery.sort}: either an attribute column or the latest value of a metric. Public only so that every
 * backend parses sorts alike; not part of the SPI.
 *
 * @param attribute
 *            one of created_at, started_at, ended_at, name, status; null when sorting by a metric
 * @param metricKey
 *            the metric key of {@code metric:<key>}; null when sorting by an attribute
 */
public record RunSort(String attribute, String metricKey) {

    /** The attributes a run list can be sorted by. */
    public static final Set<String> ATTRIBUTES = Set.of("created_at", "started_at", "ended_at", "name", "status");

    private static final String METRIC_PREFIX = "metric:";

    /** Parses a sort; IllegalArgumentException naming the valid sorts for anything else. */
    public static RunSort parse(String sort) {
        if (sort.startsWith(METRIC_PREFIX) && sort.length() > METRIC_PREFIX.length()) {
            return new RunSort(null, sort.substring(METRIC_PREFIX.length()));
        }
        if (ATTRIBUTES.contains(sort)) {
            return new RunSort(sort, null);
        }
        throw new IllegalArgumentException("unknown sort '" + sort
                + "': use one of created_at, started_at, ended_at, name, status or metric:<key>");
    }

    public boolean byMetric() {
        return metricKey != null;
    }
}
