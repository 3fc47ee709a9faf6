package dev.observatory.core.alert;

import dev.observatory.model.slo.Delivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sink with its own bounded queue and thread, so that a slow or dead endpoint never blocks the evaluator or other
 * sinks. {@link #offer} runs on the evaluator thread and only filters (matchers, severity, silences, duplicates),
 * groups, rate-limits and enqueues; what it drops is counted and logged, never silent.
 */
final class SinkWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkWorker.class);

    final SinkConfig config;
    private final Sink sink;
    private final BlockingQueue<List<Notification>> queue;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, String> lastSent = new ConcurrentHashMap<>();
    private final Consumer<List<Delivery>> log;
    private final Thread thread;
    private double tokens;
    private long refilledNanos = System.nanoTime();
    private volatile boolean closed;

    SinkWorker(SinkConfig config, Sink sink, Consumer<List<Delivery>> log) {
        this.config = config;
        this.sink = sink;
        this.log = log;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.tokens = config.perMinute();
        this.thread = Thread.ofPlatform().daemon().name("alert-sink-" + config.name()).start(this::run);
    }

    /** Filters, groups and enqueues; returns the log lines of what it did not enqueue. */
    List<Delivery> offer(List<Notification> notifications, List<Silence> silences, Instant now) {
        List<Delivery> lines = new ArrayList<>();
        Map<String, List<Notification>> groups = new LinkedHashMap<>();
        for (Notification n : notifications) {
            AlertState a = n.alert();
            if (!config.matches(a)) {
                continue;
            }
            String outcome = null;
            if (!a.severity().atLeast(config.minSeverity())) {
                outcome = "below_severity";
            } else if (silences.stream().anyMatch(s -> s.mutes(a, now))) {
                outcome = "silenced";
            } else if (n.state().equals(lastSent.get(a.fingerprint()))) {
                outcome = "deduplicated";
            }
            if (outcome != null) {
                lines.add(line(n, outcome, 0, null, now));
                continue;
            }
            groups.computeIfAbsent(groupKey(a), k -> new ArrayList<>()).add(n);
        }
        for (List<Notification> g : groups.values()) {
            String outcome = !take() ? "rate_limited" : !queue.offer(g) ? "dropped_queue_full" : null;
            for (Notification n : g) {
                if (outcome == null) {
                    lastSent.put(n.alert().fingerprint(), n.state());
                } else {
                    lines.add(line(n, outcome, 0, "queue " + queue.size() + "/" + config.queueCapacity(), now));
                }
            }
        }
        return lines;
    }

    private String groupKey(AlertState a) {
        StringBuilder sb = new StringBuilder();
        for (String l : config.groupBy()) {
            sb.append(l).append('=').append(a.labels().getOrDefault(l, "")).append(',');
        }
        return sb.toString();
    }

    /** Token bucket of perMinute deliveries per minute. */
    private boolean take() {
        long now = System.nanoTime();
        tokens = Math.min(config.perMinute(), tokens + (now - refilledNanos) / 60e9 * config.perMinute());
        refilledNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    private Delivery line(Notification n, String outcome, int attempts, String detail, Instant now) {
        counters.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
        return new Delivery(now.toEpochMilli(), config.name(), n.alert().fingerprint(), n.alert().rule(), n.state(),
                outcome, attempts, detail);
    }

    private void run() {
        while (!closed) {
            List<Notification> group;
            try {
                group = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (group != null) {
                deliver(group);
            }
        }
    }

    private void deliver(List<Notification> group) {
        String outcome;
        int attempts;
        String detail;
        try {
            Sink.Outcome o = sink.deliver(group);
            outcome = "delivered";
            attempts = o.attempts();
            detail = o.detail();
        } catch (Sink.DeliveryFailed e) {
            outcome = "failed";
            attempts = e.attempts;
            detail = e.getMessage();
            LOG.warn("alert sink {} failed after {} attempt(s): {}", config.name(), attempts, detail);
        } catch (RuntimeException e) {
            outcome = "failed";
            attempts = 1;
            detail = e.toString();
            LOG.warn("alert sink {} failed", config.name(), e);
        }
        Instant now = Instant.now();
        List<Delivery> lines = new ArrayList<>();
        for (Notification n : group) {
            lines.add(line(n, outcome, attempts, detail, now));
        }
        try {
            log.accept(lines);
        } catch (RuntimeException e) {
            LOG.warn("cannot write the alert delivery log", e);
        }
    }

    /** Counts by outcome (delivered, failed, dropped_queue_full, rate_limited, silenced, ...) and queued now. */
    Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        out.put("queued", (long) queue.size());
        return out;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
