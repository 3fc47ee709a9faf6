package dev.observatory.store.memory;

import dev.observatory.model.slo.Delivery;
import dev.observatory.model.slo.DeliveryQuery;
import dev.observatory.model.slo.LatencyBuckets;
import dev.observatory.model.slo.OpsDocument;
import dev.observatory.model.slo.SliCounts;
import dev.observatory.model.slo.SliQuery;
import dev.observatory.model.slo.SliSelector;
import dev.observatory.model.trace.SpanStatus;
import dev.observatory.model.trace.TracedSpan;
import dev.observatory.store.OpsStore;
import dev.observatory.store.internal.SliPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The SLO and alerting store in memory, with real rollups (like the JDBC one); guarded by this object's monitor. */
final class MemoryOps implements OpsStore {

    /** One rollup row. */
    private record Rolled(long bucket, String service, String name, String kind, String tool, String model, int le,
            long calls, long errors) {
    }

    private final MemoryTraces traces;
    private final List<Rolled> rollups = new ArrayList<>();
    private final List<Rolled> hourly = new ArrayList<>();
    private final Map<String, OpsDocument> documents = new TreeMap<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private long watermark = Long.MIN_VALUE;

    MemoryOps(MemoryTraces traces) {
        this.traces = traces;
    }

    @Override
    public synchronized long rollUp(long upToNanos) {
        long upTo = Math.floorDiv(upToNanos, BUCKET_NANOS) * BUCKET_NANOS;
        long from = watermark;
        if (from == Long.MIN_VALUE) {
            Long first = traces.firstStart();
            from = first == null ? upTo : Math.floorDiv(first, BUCKET_NANOS) * BUCKET_NANOS;
        }
        if (upTo > from) {
            Map<List<Object>, long[]> groups = new TreeMap<>(Comparator.comparing(Object::toString));
            traces.forEachStartedIn(from, upTo, s -> {
                List<Object> key = List.of(Math.floorDiv(s.span().startNanos(), BUCKET_NANOS) * BUCKET_NANOS,
                        s.span().service(), s.span().name(), s.span().kind().name(), orEmpty(s.facts().toolName()),
                        orEmpty(s.facts().model()), LatencyBuckets.index(s.span().durationNanos()));
                long[] c = groups.computeIfAbsent(key, k -> new long[2]);
                c[0]++;
                c[1] += failed(s) ? 1 : 0;
            });
            groups.forEach((k, c) -> rollups.add(new Rolled((Long) k.get(0), (String) k.get(1), (String) k.get(2),
                    (String) k.get(3), (String) k.get(4), (String) k.get(5), (Integer) k.get(6), c[0], c[1])));
            rollHours(SliPlan.floor(from, SliPlan.HOUR_NANOS), SliPlan.floor(upTo, SliPlan.HOUR_NANOS));
            from = upTo;
        }
        watermark = from;
        return from;
    }

    /** Hourly rows of the hours in [from, to) from their 5-minute rows. */
    private void rollHours(long from, long to) {
        Map<List<Object>, long[]> groups = new TreeMap<>(Comparator.comparing(Object::toString));
        for (Rolled r : rollups) {
            if (r.bucket() >= from && r.bucket() < to) {
                long[] c = groups.computeIfAbsent(List.of(SliPlan.floor(r.bucket(), SliPlan.HOUR_NANOS), r.service(),
                        r.name(), r.kind(), r.tool(), r.model(), r.le()), k -> new long[2]);
                c[0] += r.calls();
                c[1] += r.errors();
            }
        }
        groups.forEach((k, c) -> hourly.add(new Rolled((Long) k.get(0), (String) k.get(1), (String) k.get(2),
                (String) k.get(3), (String) k.get(4), (String) k.get(5), (Integer) k.get(6), c[0], c[1])));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static boolean failed(TracedSpan s) {
        return s.span().status() == SpanStatus.ERROR || s.facts().errorType() != null;
    }

    @Override
    public synchronized long rolledUpTo() {
        return watermark;
    }

    @Override
    public synchronized SliCounts sli(SliQuery q) {
        long[] latency = new long[LatencyBuckets.COUNT];
        long[] totals = new long[2];
        SliSelector sel = q.selector();
        for (SliPlan.Part p : SliPlan.of(q.fromNanos(), q.toNanos(), watermark)) {
            switch (p.tier()) {
                case RAW -> raw(sel, p.from(), p.to(), latency, totals);
                case FIVE_MINUTES -> rolled(rollups, sel, p, latency, totals);
                case HOURLY -> rolled(hourly, sel, p, latency, totals);
            }
        }
        return new SliCounts(totals[0], totals[1], latency);
    }

    private static void rolled(List<Rolled> rows, SliSelector sel, SliPlan.Part p, long[] latency, long[] totals) {
        for (Rolled r : rows) {
            if (r.bucket() >= p.from() && r.bucket() < p.to()
                    && matches(sel, r.service(), r.name(), r.kind(), r.tool(), r.model())) {
                latency[r.le()] += r.calls();
                totals[0] += r.calls();
                totals[1] += r.errors();
            }
        }
    }

    private void raw(SliSelector sel, long from, long to, long[] latency, long[] totals) {
        traces.forEachStartedIn(from, to, s -> {
            if (matches(sel, s.span().service(), s.span().name(), s.span().kind().name(), orEmpty(s.facts().toolName()),
                    orEmpty(s.facts().model()))) {
                latency[LatencyBuckets.index(s.span().durationNanos())]++;
                totals[0]++;
                totals[1] += failed(s) ? 1 : 0;
            }
        });
    }

    private static boolean matches(SliSelector s, String service, String name, String kind, String tool, String model) {
        return eq(s.service(), service) && eq(s.route(), name) && eq(s.kind(), kind) && eq(s.tool(), tool)
                && eq(s.model(), model);
    }

    private static boolean eq(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    @Override
    public synchronized void put(OpsDocument d) {
        documents.put(d.kind() + "\u0000" + d.id(), d);
    }

    @Override
    public synchronized Optional<OpsDocument> get(String kind, String id) {
        return Optional.ofNullable(documents.get(kind + "\u0000" + id));
    }

    @Override
    public synchronized List<OpsDocument> list(String kind) {
        return documents.values().stream().filter(d -> d.kind().equals(kind)).toList();
    }

    @Override
    public synchronized boolean delete(String kind, String id) {
        return documents.remove(kind + "\u0000" + id) != null;
    }

    @Override
    public synchronized void logDelivery(List<Delivery> lines) {
        deliveries.addAll(lines);
    }

    @Override
    public synchronized List<Delivery> deliveries(DeliveryQuery q) {
        List<Delivery> out = new ArrayList<>();
        for (int i = deliveries.size() - 1; i >= 0 && out.size() < q.limit(); i--) {
            Delivery d = deliveries.get(i);
            if (d.atMs() >= q.sinceMs() && eq(q.sink(), d.sink()) && eq(q.outcome(), d.outcome())) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparingLong(Delivery::atMs).reversed());
        return out;
    }
}
