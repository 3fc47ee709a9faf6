package dev.observatory.core.slo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The compliance period of an SLO: the last {@code days} days (rolling) or the current calendar month (UTC).
 *
 * @param days
 *            length of a rolling window (1-90); 0 for a calendar month
 */
public record SloWindow(int days) {
    public static final SloWindow ROLLING_30D = new SloWindow(30);
    public static final SloWindow CALENDAR_MONTH = new SloWindow(0);

    public SloWindow {
        if (days < 0 || days > 90) {
            throw new IllegalArgumentException("a rolling SLO window is 1 to 90 days, got " + days);
        }
    }

    /** Parses rolling_28d, rolling_30d, rolling_&lt;n&gt;d, &lt;n&gt;d or calendar_month. */
    public static SloWindow parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("calendar_month") || t.equals("month")) {
            return CALENDAR_MONTH;
        }
        String n = t.startsWith("rolling_") ? t.substring(8) : t;
        if (n.matches("[1-9][0-9]?d")) {
            return new SloWindow(Integer.parseInt(n.substring(0, n.length() - 1)));
        }
        throw new IllegalArgumentException("unknown SLO window '" + s
                + "': use rolling_28d, rolling_30d (any rolling_<n>d up to 90 days) or calendar_month");
    }

    public boolean calendarMonth() {
        return days == 0;
    }

    /** The wire name. */
    public String wire() {
        return calendarMonth() ? "calendar_month" : "rolling_" + days + "d";
    }

    /** Where the window that ends at {@code now} starts. */
    public Instant start(Instant now) {
        if (calendarMonth()) {
            return ZonedDateTime.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS)
                    .toInstant();
        }
        return now.minus(days, ChronoUnit.DAYS);
    }
}
