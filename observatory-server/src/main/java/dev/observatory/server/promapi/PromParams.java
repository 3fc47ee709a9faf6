package dev.observatory.server.promapi;

import dev.observatory.core.opsmetrics.query.QueryParser;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Times and durations as Prometheus' API takes them: Unix seconds (with a fraction) or RFC 3339; 15s or 15. */
final class PromParams {
    private PromParams() {
    }

    /** Epoch milliseconds of a timestamp parameter; {@link PromError} bad_data naming the parameter otherwise. */
    static long timeMs(String name, String value) {
        String v = value.trim();
        try {
            return new BigDecimal(v).movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            try {
                return OffsetDateTime.parse(v).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw PromError.badData("invalid parameter \"" + name + "\": cannot parse \"" + value
                        + "\" to a valid timestamp (use Unix seconds such as 1700000000.5 or RFC 3339)");
            }
        }
    }

    /** Milliseconds of a duration parameter: seconds (with a fraction) or a duration such as 30s, 5m, 1h30m. */
    static long durationMs(String name, String value) {
        String v = value.trim();
        try {
            return new BigDecimal(v).movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            try {
                return QueryParser.durationMs(v);
            } catch (IllegalArgumentException e2) {
                throw PromError.badData("invalid parameter \"" + name + "\": cannot parse \"" + value
                        + "\" to a valid duration (use seconds such as 15 or a duration such as 15s, 5m, 1h)");
            }
        }
    }
}
