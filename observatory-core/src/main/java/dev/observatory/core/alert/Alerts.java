package dev.observatory.core.alert;

import dev.observatory.core.Actor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.slo.Delivery;
import dev.observatory.model.slo.DeliveryQuery;
import dev.observatory.model.slo.OpsDocument;
import dev.observatory.store.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Alert rules, alerts, silences, routing and the delivery log of a tracking: the facade every surface (MCP, REST) uses.
 * Long-lived state (alert states, the evaluator thread, sink queues) is in the tracking's {@link AlertEngine}.
 */
public final class Alerts {
    private final Tracking tracking;
    private final AlertEngine engine;

    public Alerts(Tracking tracking) {
        this.tracking = tracking;
        this.engine = AlertEngine.of(tracking);
    }

    public List<AlertRule> rules() {
        return engine.rules();
    }

    /** Errors of the last evaluation per rule (e.g. an SLO that was deleted). */
    public Map<String, String> ruleErrors() {
        return engine.ruleErrors();
    }

    /** Creates or replaces a rule after checking its signal's parameters. */
    public AlertRule createRule(Actor actor, AlertRule rule) {
        writable("alert_rule.create");
        AlertSignals.get(rule.signal()).validate(rule.params());
        tracking.store().ops().put(new OpsDocument(AlertEngine.RULE, rule.name(),
                AlertCodec.write(AlertCodec.ruleMap(rule)), tracking.clock().millis()));
        engine.changed();
        tracking.auditor().record(actor, "alert_rule.create", "alert_rule/" + rule.name(), null);
        return rule;
    }

    public boolean deleteRule(Actor actor, String name) {
        writable("alert_rule.delete");
        boolean deleted = tracking.store().ops().delete(AlertEngine.RULE, name);
        engine.changed();
        if (deleted) {
            tracking.auditor().record(actor, "alert_rule.delete", "alert_rule/" + name, null);
        }
        return deleted;
    }

    /** Alerts (pending, firing, resolved in the last day), optionally of one state and labels, firing first. */
    public List<AlertState> alerts(String state, Map<String, String> matchers) {
        List<AlertState> out = new ArrayList<>();
        synchronized (engine) {
            for (AlertState a : engine.states().values()) {
                if ((state == null || state.equals(a.state())) && matches(a, matchers)) {
                    out.add(a);
                }
            }
        }
        out.sort(Comparator.comparing((AlertState a) -> order(a.state()))
                .thenComparing((AlertState a) -> a.severity(), Comparator.reverseOrder())
                .thenComparing(AlertState::activeSince));
        return out;
    }

    private static int order(String state) {
        return switch (state) {
            case AlertState.FIRING -> 0;
            case AlertState.PENDING -> 1;
            default -> 2;
        };
    }

    static boolean matches(AlertState a, Map<String, String> matchers) {
        for (Map.Entry<String, String> m : matchers.entrySet()) {
            String v = m.getKey().equals("fingerprint") ? a.fingerprint() : a.labels().get(m.getKey());
            if (!m.getValue().equals(v)) {
                return false;
            }
        }
        return true;
    }

    /** Mutes the matching alerts' notifications until the time. */
    public Silence silence(Actor actor, Map<String, String> matchers, Instant until, String comment) {
        writable("alert.silence");
        if (!until.isAfter(tracking.clock().instant())) {
            throw new IllegalArgumentException("a silence must end in the future");
        }
        Silence s = new Silence(UUID.randomUUID().toString(), matchers, until, comment, actor.name());
        tracking.store().ops()
                .put(new OpsDocument(AlertEngine.SILENCE, s.id(), AlertCodec.silence(s), tracking.clock().millis()));
        engine.changed();
        tracking.auditor().record(actor, "alert.silence", "silence/" + s.id(), matchers.toString());
        return s;
    }

    /** Silences still in force. */
    public List<Silence> silences() {
        Instant now = tracking.clock().instant();
        return engine.silences().stream().filter(s -> now.isBefore(s.until())).toList();
    }

    /** Runs one evaluation round now (the scheduler does it every interval). */
    public List<Notification> evaluate() {
        writable("alert.evaluate");
        return engine.evaluate(tracking.clock().instant());
    }

    /**
     * Sends the alerts matching the labels (firing, and pending when asked) to a sink once, now: those below the sink's
     * severity or silenced are suppressed. The delivery is logged.
     */
    public RoutingResult route(Actor actor, Map<String, String> matchers, SinkConfig sink, boolean includePending) {
        writable("alert.route");
        Instant now = tracking.clock().instant();
        Sink target = Sink.of(sink, engine.settings.guard(), engine.settings.fileRoot());
        List<Notification> send = new ArrayList<>();
        int suppressed = 0;
        List<Silence> silences = silences();
        for (AlertState a : alerts(null, matchers)) {
            boolean active = a.state().equals(AlertState.FIRING)
                    || (includePending && a.state().equals(AlertState.PENDING));
            if (!active) {
                continue;
            }
            if (!a.severity().atLeast(sink.minSeverity()) || silences.stream().anyMatch(s -> s.mutes(a, now))) {
                suppressed++;
            } else {
                send.add(new Notification(a, a.state(), now));
            }
        }
        String outcome = "delivered";
        String detail = "nothing to send";
        int attempts = 0;
        if (!send.isEmpty()) {
            try {
                Sink.Outcome o = target.deliver(send);
                attempts = o.attempts();
                detail = o.detail();
            } catch (Sink.DeliveryFailed e) {
                outcome = "failed";
                attempts = e.attempts;
                detail = e.getMessage();
            }
        }
        List<Delivery> lines = new ArrayList<>();
        for (Notification n : send) {
            lines.add(new Delivery(now.toEpochMilli(), sink.name(), n.alert().fingerprint(), n.alert().rule(),
                    n.state(), outcome, attempts, detail));
        }
        tracking.store().ops().logDelivery(lines);
        tracking.auditor().record(actor, "alert.route", "sink/" + sink.name(), sink.type());
        return new RoutingResult(outcome.equals("delivered") ? send.size() : 0, suppressed, sink.destination(), outcome,
                detail);
    }

    /** What {@link #route} did. */
    public record RoutingResult(int routed, int suppressed, String destination, String outcome, String detail) {
    }

    public List<Delivery> deliveries(DeliveryQuery q) {
        return tracking.store().ops().deliveries(q);
    }

    /** Delivered/failed/dropped counts of each configured sink since start. */
    public Map<String, Map<String, Long>> sinkCounts() {
        return engine.sinkCounts();
    }

    public List<SinkConfig> sinks() {
        return engine.sinkConfigs();
    }

    public AlertRule rule(String name) {
        return rules().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("no alert rule named '" + name + "'"));
    }

    private void writable(String action) {
        if (tracking.readOnly()) {
            throw new ReadOnlyException(action);
        }
    }
}
