package dev.observatory.core.alert;

import java.util.List;

/** Delivers a group of notifications somewhere; blocking, called on the sink's own thread. */
interface Sink {

    /** Delivers; returns a detail for the log (e.g. "HTTP 200"); throws {@link DeliveryFailed} after its retries. */
    Outcome deliver(List<Notification> group) throws DeliveryFailed;

    /** What a delivery did. */
    record Outcome(int attempts, String detail) {
    }

    /** A delivery that failed after every attempt. */
    final class DeliveryFailed extends Exception {
        private static final long serialVersionUID = 1L;
        final int attempts;

        DeliveryFailed(int attempts, String detail) {
            super(detail);
            this.attempts = attempts;
        }
    }

    static Sink of(SinkConfig c, UrlGuard guard, java.nio.file.Path fileRoot) {
        return switch (c.type()) {
            case "file" -> new FileSink(FileSink.resolve(fileRoot, c.destination()), c.includeContext());
            case "alertmanager" -> new HttpSink(c, guard, HttpSink.Format.ALERTMANAGER);
            case "slack" -> new HttpSink(c, guard, HttpSink.Format.SLACK);
            default -> new HttpSink(c, guard, HttpSink.Format.WEBHOOK);
        };
    }
}
