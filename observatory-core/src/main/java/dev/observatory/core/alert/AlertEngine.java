package dev.observatory.core.alert;

import dev.observatory.core.Tracking;
import dev.observatory.model.slo.Delivery;
import dev.observatory.model.slo.OpsDocument;
import dev.observatory.store.OpsStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting state of one tracking: rules (cached, reloaded when changed through {@link Alerts}), alert states (kept
 * in memory, stored on every change of state), the evaluator (on its own scheduled thread when an interval is
 * configured) and the sink workers.
 */
public final class AlertEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);
    static final String RULE = "alert_rule";
    static final String ALERT = "alert";
    static final String SILENCE = "silence";
    /** Resolved alerts are listed for a day, then forgotten. */
    static final Duration KEEP_RESOLVED = Duration.ofDays(1);
    private static final Map<Tracking, AlertEngine> ENGINES = Collections.synchronizedMap(new WeakHashMap<>());

    final Tracking tracking;
    final AlertSettings settings;
    private final List<SinkWorker> sinks = new ArrayList<>();
    private final Map<String, String> ruleErrors = new TreeMap<>();
    private Map<String, AlertState> states;
    private List<AlertRule> rules;
    private List<Silence> silences;
    private ScheduledExecutorService scheduler;
    private volatile long rounds;

    AlertEngine(Tracking tracking, AlertSettings settings) {
        this.tracking = tracking;
        this.settings = settings;
        for (SinkConfig c : settings.sinks()) {
            sinks.add(new SinkWorker(c, Sink.of(c, settings.guard(), settings.fileRoot()),
                    lines -> store().logDelivery(lines)));
        }
    }

    /** The store, looked up at use (a lazily opened store is not waited for at start-up). */
    private OpsStore store() {
        return tracking.store().ops();
    }

    /** The engine of a tracking (one without scheduler and sinks when none was started). */
    public static AlertEngine of(Tracking tracking) {
        synchronized (ENGINES) {
            return ENGINES.computeIfAbsent(tracking, t -> new AlertEngine(t, AlertSettings.DEFAULTS));
        }
    }

    /** Starts the engine of a tracking with its settings (the server calls it at start-up); replaces an older one. */
    public static AlertEngine start(Tracking tracking, AlertSettings settings) {
        AlertEngine e = new AlertEngine(tracking, settings);
        AlertEngine old;
        synchronized (ENGINES) {
            old = ENGINES.put(tracking, e);
        }
        if (old != null) {
            old.close();
        }
        if (!settings.evalInterval().isZero() && !tracking.readOnly()) {
            e.scheduler = Executors.newSingleThreadScheduledExecutor(
                    r -> Thread.ofPlatform().daemon().name("alert-evaluator").unstarted(r));
            long ms = settings.evalInterval().toMillis();
            e.scheduler.scheduleWithFixedDelay(e::evaluateSafely, ms, ms, TimeUnit.MILLISECONDS);
        }
        return e;
    }

    private void evaluateSafely() {
        try {
            evaluate(tracking.clock().instant());
        } catch (RuntimeException ex) {
            LOG.warn("alert evaluation failed", ex);
        }
    }

    /** Evaluation rounds run so far. */
    public long rounds() {
        return rounds;
    }

    synchronized List<AlertRule> rules() {
        if (rules == null) {
            List<AlertRule> r = new ArrayList<>();
            for (OpsDocument d : store().list(RULE)) {
                r.add(AlertCodec.rule(d.body()));
            }
            rules = List.copyOf(r);
        }
        return rules;
    }

    synchronized List<Silence> silences() {
        if (silences == null) {
            silences = store().list(SILENCE).stream().map(d -> AlertCodec.silence(d.body())).toList();
        }
        return silences;
    }

    synchronized void changed() {
        rules = null;
        silences = null;
    }

    synchronized Map<String, AlertState> states() {
        if (states == null) {
            states = new LinkedHashMap<>();
            for (OpsDocument d : store().list(ALERT)) {
                AlertState a = AlertCodec.state(d.body());
                states.put(a.fingerprint(), a);
            }
        }
        return states;
    }

    synchronized Map<String, String> ruleErrors() {
        return Map.copyOf(ruleErrors);
    }

    /** One round: samples every rule, moves alert states, notifies the sinks; returns the notifications. */
    public synchronized List<Notification> evaluate(Instant now) {
        Map<String, AlertState> current = states();
        AlertSignal.Round round = new AlertSignal.Round(tracking, now);
        List<Notification> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> evaluatedRules = new HashSet<>();
        for (AlertRule rule : rules()) {
            List<AlertSignal.Sample> samples;
            try {
                samples = AlertSignals.get(rule.signal()).sample(rule, round);
                ruleErrors.remove(rule.name());
            } catch (RuntimeException e) {
                ruleErrors.put(rule.name(), e.getMessage() == null ? e.toString() : e.getMessage());
                continue; // keep its alerts as they are: no data is not a recovery
            }
            evaluatedRules.add(rule.name());
            for (AlertSignal.Sample s : samples) {
                Map<String, String> labels = labels(rule, s.labels());
                String fp = fingerprint(rule.name(), labels);
                seen.add(fp);
                step(rule, current.get(fp), fp, labels, s, now, out);
            }
        }
        for (AlertState a : List.copyOf(current.values())) {
            boolean gone = !seen.contains(a.fingerprint()) && (evaluatedRules.contains(a.rule())
                    || rules().stream().noneMatch(r -> r.name().equals(a.rule())));
            if (gone && !a.state().equals(AlertState.RESOLVED)) {
                stop(a, a.value(), now, out);
            } else if (a.state().equals(AlertState.RESOLVED)
                    && Duration.between(a.resolvedAt(), now).compareTo(KEEP_RESOLVED) > 0) {
                current.remove(a.fingerprint());
                store().delete(ALERT, a.fingerprint());
            }
        }
        rounds++;
        notify(out, now);
        return out;
    }

    private void step(AlertRule rule, AlertState old, String fp, Map<String, String> labels, AlertSignal.Sample s,
            Instant now, List<Notification> out) {
        boolean holds = rule.holds(s.value());
        if (!holds) {
            if (old != null && !old.state().equals(AlertState.RESOLVED)) {
                stop(old, s.value(), now, out);
            }
            return;
        }
        AlertState a = old;
        if (a == null || a.state().equals(AlertState.RESOLVED)) {
            a = new AlertState(fp, rule.name(), labels, rule.severity(), AlertState.PENDING, s.value(),
                    rule.threshold(), now, null, null, s.context(), rule.description());
            put(a);
        } else {
            a = a.withValue(s.value(), s.context());
            states().put(fp, a);
        }
        if (a.state().equals(AlertState.PENDING)
                && Duration.between(a.activeSince(), now).compareTo(rule.forDuration()) >= 0) {
            a = a.with(AlertState.FIRING, s.value(), now, null);
            put(a);
            out.add(new Notification(a, AlertState.FIRING, now));
        }
    }

    private void stop(AlertState a, double value, Instant now, List<Notification> out) {
        if (a.state().equals(AlertState.PENDING)) {
            states().remove(a.fingerprint());
            store().delete(ALERT, a.fingerprint());
            return;
        }
        AlertState r = a.with(AlertState.RESOLVED, value, a.firingSince(), now);
        put(r);
        out.add(new Notification(r, AlertState.RESOLVED, now));
    }

    private void put(AlertState a) {
        states().put(a.fingerprint(), a);
        store().put(new OpsDocument(ALERT, a.fingerprint(), AlertCodec.state(a), tracking.clock().millis()));
    }

    private void notify(List<Notification> out, Instant now) {
        if (out.isEmpty() || sinks.isEmpty()) {
            return;
        }
        List<Delivery> lines = new ArrayList<>();
        for (SinkWorker w : sinks) {
            lines.addAll(w.offer(out, silences(), now));
        }
        store().logDelivery(lines);
    }

    static Map<String, String> labels(AlertRule rule, Map<String, String> series) {
        Map<String, String> m = new TreeMap<>(rule.labels());
        m.putAll(series);
        m.put("alertname", rule.name());
        m.put("severity", rule.severity().wire());
        return m;
    }

    static String fingerprint(String rule, Map<String, String> labels) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((rule + "\u0000" + new TreeMap<>(labels)).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts per sink. */
    public Map<String, Map<String, Long>> sinkCounts() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        sinks.forEach(w -> out.put(w.config.name(), w.counts()));
        return out;
    }

    List<SinkConfig> sinkConfigs() {
        return sinks.stream().map(w -> w.config).toList();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        sinks.forEach(SinkWorker::close);
    }
}
