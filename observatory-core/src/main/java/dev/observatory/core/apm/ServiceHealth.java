package dev.observatory.core.apm;

import java.util.List;

/**
 * RED metrics per service (or per service and operation) over a window, each next to the previous window of the same
 * length.
 *
 * @param rows
 *            by requests descending
 * @param truncated
 *            more services (or operations) had requests than the limit
 */
public record ServiceHealth(ApmWindow window, ApmWindow previous, List<Row> rows, boolean truncated) {

    public ServiceHealth {
        rows = List.copyOf(rows);
    }

    /**
     * One service (and operation).
     *
     * @param operation
     *            null unless grouped by operation
     * @param previous
     *            the same key in the previous window ({@link Red#NONE} when it had no requests)
     */
    public record Row(String service, String operation, Red current, Red previous) {

        /** Relative change of the request rate (0.25 = +25%); null when the previous window had none. */
        public Double rateChange() {
            return previous.requests() == 0 ? null : current.ratePerSecond() / previous.ratePerSecond() - 1;
        }

        /** Error rate now minus before (absolute, 0.01 = one percentage point). */
        public double errorRateChange() {
            return current.errorRate() - previous.errorRate();
        }

        /** Relative change of the p95 duration; null when either window had no requests. */
        public Double p95Change() {
            return previous.requests() == 0 || current.requests() == 0 || previous.p95Ms() == 0 ? null
                    : current.p95Ms() / previous.p95Ms() - 1;
        }

        /** Relative change of the p99 duration; null when either window had no requests. */
        public Double p99Change() {
            return previous.requests() == 0 || current.requests() == 0 || previous.p99Ms() == 0 ? null
                    : current.p99Ms() / previous.p99Ms() - 1;
        }
    }
}
