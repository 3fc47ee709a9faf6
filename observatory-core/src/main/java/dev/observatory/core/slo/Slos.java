package dev.observatory.core.slo;

import dev.observatory.core.Actor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.slo.OpsDocument;
import dev.observatory.model.slo.SliCounts;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.OpsStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * SLOs: definitions from the configuration file (read-only here) and created through the API (stored as documents of
 * kind {@code slo}), their status and period reports, computed from an {@link SliSource} (the stored spans by default).
 */
public final class Slos {
    static final String KIND = "slo";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Map<Tracking, List<SloDefinition>> CONFIGURED = Collections
            .synchronizedMap(new WeakHashMap<>());
    /** Burn-rate windows of the status. */
    static final Map<String, Duration> BURN_WINDOWS = burnWindows();

    private final Tracking tracking;
    private final OpsStore store;
    private final SliSource source;

    public Slos(Tracking tracking) {
        this(tracking, new SpanSliSource(tracking.store().ops()));
    }

    public Slos(Tracking tracking, SliSource source) {
        this.tracking = tracking;
        this.store = tracking.store().ops();
        this.source = source;
    }

    /** Sets the definitions of the configuration file for this tracking (the server calls it at start-up). */
    public static void configure(Tracking tracking, List<SloDefinition> fromConfig) {
        CONFIGURED.put(tracking, List.copyOf(fromConfig));
    }

    private static Map<String, Duration> burnWindows() {
        Map<String, Duration> m = new LinkedHashMap<>();
        m.put("1h", Duration.ofHours(1));
        m.put("6h", Duration.ofHours(6));
        m.put("24h", Duration.ofDays(1));
        m.put("3d", Duration.ofDays(3));
        return Collections.unmodifiableMap(m);
    }

    /** Every SLO: the configuration file's, then those created through the API, by name. */
    public List<SloDefinition> list() {
        Map<String, SloDefinition> out = new LinkedHashMap<>();
        CONFIGURED.getOrDefault(tracking, List.of()).forEach(d -> out.put(d.name(), d));
        for (OpsDocument d : store.list(KIND)) {
            out.putIfAbsent(d.id(), read(d));
        }
        return List.copyOf(out.values());
    }

    @SuppressWarnings("unchecked")
    private static SloDefinition read(OpsDocument d) {
        return SloSpecs.parse(JSON.readValue(d.body(), Map.class), "api");
    }

    public SloDefinition get(String name) {
        return list().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("no SLO named '" + name + "': list_slos shows them"));
    }

    /** Creates or replaces an API-defined SLO; ConflictException when the configuration file defines the name. */
    public SloDefinition create(Actor actor, Map<String, ?> spec) {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("slo.create");
        }
        SloDefinition d = SloSpecs.parse(spec, "api");
        if (CONFIGURED.getOrDefault(tracking, List.of()).stream().anyMatch(c -> c.name().equals(d.name()))) {
            throw new ConflictException("SLO " + d.name() + " is defined in the configuration file; pick another name");
        }
        Map<String, Object> body = new LinkedHashMap<>(d.toMap());
        body.remove("source");
        store.put(new OpsDocument(KIND, d.name(), JSON.writeValueAsString(body), tracking.clock().millis()));
        tracking.auditor().record(actor, "slo.create", "slo/" + d.name(), null);
        return d;
    }

    /** Deletes an API-defined SLO; false when there was none. */
    public boolean delete(Actor actor, String name) {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("slo.delete");
        }
        boolean deleted = store.delete(KIND, name);
        if (deleted) {
            tracking.auditor().record(actor, "slo.delete", "slo/" + name, null);
        }
        return deleted;
    }

    public SloStatus status(String name) {
        return status(get(name), tracking.clock().instant());
    }

    /** The status of an SLO at {@code now}: compliance and budget over its window, burn rates, alert conditions. */
    public SloStatus status(SloDefinition slo, Instant now) {
        if (slo.sli().spans()) {
            refresh(now);
        }
        Instant from = slo.window().start(now);
        List<Duration> windows = new ArrayList<>(new LinkedHashSet<>(statusWindows()));
        List<Instant> starts = new ArrayList<>();
        starts.add(from);
        windows.forEach(w -> starts.add(now.minus(w)));
        List<SliCounts> counts = sourceOf(slo).countsEndingAt(slo.selector(), starts, now);
        SliCounts all = counts.get(0);
        Map<Duration, Double> burn = new LinkedHashMap<>();
        for (int i = 0; i < windows.size(); i++) {
            burn.put(windows.get(i), SloMath.burnRate(slo, counts.get(i + 1)));
        }
        List<BurnAlert> alerts = new ArrayList<>();
        for (BurnAlert a : BurnAlert.WORKBOOK) {
            alerts.add(a.with(burn.get(a.longWindow()), burn.get(a.shortWindow())));
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        BURN_WINDOWS.forEach((k, w) -> rates.put(k, SloMath.round(burn.get(w), 4)));
        return summarize(slo, from, now, all, rates, alerts);
    }

    /** The spans source for span SLOs; a query source over the metrics store or Prometheus for the others. */
    private SliSource sourceOf(SloDefinition slo) {
        return switch (slo.sli().source()) {
            case SliSpec.METRICS -> QuerySliSource.metrics(slo.name(), slo.sli(), tracking.store().opsMetrics());
            case SliSpec.PROMETHEUS -> QuerySliSource.prometheus(slo.name(), slo.sli(),
                    new dev.observatory.core.opsmetrics.OpsMetrics(tracking).prometheus());
            default -> source;
        };
    }

    /** The burn-rate windows of the status and of the workbook conditions (read together with the SLO's window). */
    private static List<Duration> statusWindows() {
        List<Duration> w = new ArrayList<>(BURN_WINDOWS.values());
        for (BurnAlert a : BurnAlert.WORKBOOK) {
            w.add(a.longWindow());
            w.add(a.shortWindow());
        }
        return w;
    }

    /** Brings the source's rollups up to date, unless read-only (then windows read the raw spans past them). */
    private void refresh(Instant now) {
        if (!tracking.readOnly()) {
            source.refresh(now);
        }
    }

    static SloStatus summarize(SloDefinition slo, Instant from, Instant to, SliCounts c, Map<String, Double> rates,
            List<BurnAlert> alerts) {
        double bad = SloMath.bad(slo, c);
        double good = c.total() == 0 ? 1 : (c.total() - bad) / c.total();
        double allowed = slo.budget() * c.total();
        double remaining = c.total() == 0 ? 1 : 1 - bad / allowed;
        Double value = switch (slo.kind()) {
            case AVAILABILITY -> c.total() == 0 ? null : 100.0 * (c.total() - c.errors()) / c.total();
            case ERROR_RATE -> c.total() == 0 ? null : 100.0 * c.errors() / c.total();
            case LATENCY -> SloMath.quantileMs(c, slo.target()); // null from counters without a histogram
        };
        return new SloStatus(slo, from, to, c.total(), SloMath.round(bad, 3), value, 100 * good, good >= slo.target(),
                remaining, allowed, rates, alerts);
    }

    /**
     * Compliance over [from, to) and one point per step (good share and budget remaining so far), at most 200 points.
     */
    public SloReport report(String name, Instant from, Instant to, Duration step) {
        SloDefinition slo = get(name);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the report period must end after it starts");
        }
        if (Duration.between(from, to).dividedBy(step) > 200) {
            throw new IllegalArgumentException(
                    "a report has at most 200 points: use a larger step or a shorter period");
        }
        if (slo.sli().spans()) {
            refresh(tracking.clock().instant());
        }
        List<SloReport.Point> points = new ArrayList<>();
        SliCounts total = SliCounts.empty();
        for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
            Instant end = t.plus(step).isAfter(to) ? to : t.plus(step);
            SliCounts c = sourceOf(slo).counts(slo.selector(), t, end);
            total = total.plus(c);
            SloStatus upTo = summarize(slo, from, end, total, Map.of(), List.of());
            double good = c.total() == 0 ? 100 : 100 * (c.total() - SloMath.bad(slo, c)) / c.total();
            points.add(new SloReport.Point(t, end, c.total(), good, upTo.budgetRemaining()));
        }
        return new SloReport(summarize(slo, from, to, total, Map.of(), List.of()), points);
    }
}
