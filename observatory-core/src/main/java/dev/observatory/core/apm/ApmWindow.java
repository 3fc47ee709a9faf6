package dev.observatory.core.apm;

import java.time.Duration;
import java.time.Instant;

/**
 * A half-open time window [from, to) of an APM question, validated: {@code to} after {@code from}, at most
 * {@link Apm#MAX_WINDOW} long.
 */
public record ApmWindow(Instant from, Instant to) {

    public ApmWindow {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a window needs both 'from' and 'to'");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") must be after 'from' (" + from + ")");
        }
        if (Duration.between(from, to).compareTo(Apm.MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("the window must be at most " + Apm.MAX_WINDOW.toDays() + " days, got "
                    + Duration.between(from, to).toDays() + " days");
        }
    }

    /** The window of the given length ending at {@code to}. */
    public static ApmWindow ending(Instant to, Duration length) {
        return new ApmWindow(to.minus(length), to);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The window of the same length just before this one. */
    public ApmWindow previous() {
        return new ApmWindow(from.minus(length()), from);
    }

    public double seconds() {
        return length().toNanos() / 1e9;
    }

    public long fromNanos() {
        return nanos(from);
    }

    public long toNanos() {
        return nanos(to);
    }

    static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? 0 : Long.MAX_VALUE;
        }
    }
}
