package dev.observatory.core.telemetry;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * The server's own metrics, rendered in Prometheus text format at /metrics. Counters, gauges (sampled on render) and
 * latency histograms with fixed buckets. Label values are escaped on render. Thread-safe and cheap on the hot path.
 */
public final class Meters {
    /** Latency bucket bounds in seconds. */
    static final double[] BOUNDS = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };

    private final Map<String, Family> families = new ConcurrentHashMap<>();
    private volatile SelfTracer tracer = SelfTracer.NONE;

    /**
     * Where tool calls and HTTP requests are also reported as spans (self-observability); {@link SelfTracer#NONE} until
     * set. It rides on the meters because every component that records metrics already holds them.
     */
    public SelfTracer tracer() {
        return tracer;
    }

    /** Sets the self-tracing hook ({@link SelfTracer#NONE} to stop). */
    public void tracer(SelfTracer tracer) {
        this.tracer = java.util.Objects.requireNonNull(tracer, "tracer");
    }

    /** Adds {@code n} to counter {@code name} with labels given as alternating name/value pairs. */
    public void count(String name, String help, long n, String... labels) {
        family(name, help, "counter").counters.computeIfAbsent(Labels.of(labels), k -> new LongAdder()).add(n);
    }

    /** Records one latency observation in histogram {@code name} (unit: seconds on render). */
    public void observeNanos(String name, String help, long nanos, String... labels) {
        family(name, help, "histogram").histograms.computeIfAbsent(Labels.of(labels), k -> new Histogram())
                .record(nanos / 1e9);
    }

    /** Registers a gauge sampled at render time. */
    public void gauge(String name, String help, DoubleSupplier value, String... labels) {
        family(name, help, "gauge").gauges.put(Labels.of(labels), value);
    }

    private Family family(String name, String help, String type) {
        Family f = families.computeIfAbsent(name, n -> new Family(n, help, type));
        if (!f.type.equals(type)) {
            throw new IllegalStateException("metric " + name + " is a " + f.type + ", not a " + type);
        }
        return f;
    }

    /** Prometheus text exposition format 0.0.4. */
    public String renderPrometheus() {
        StringBuilder sb = new StringBuilder(4096);
        new TreeMap<>(families).values().forEach(f -> f.render(sb));
        return sb.toString();
    }

    /** Current value of a counter (0 when absent); for tests and bench. */
    public long counterValue(String name, String... labels) {
        Family f = families.get(name);
        LongAdder a = f == null ? null : f.counters.get(Labels.of(labels));
        return a == null ? 0 : a.sum();
    }

    /** Number of observations of a histogram (0 when absent). */
    public long histogramCount(String name, String... labels) {
        Family f = families.get(name);
        Histogram h = f == null ? null : f.histograms.get(Labels.of(labels));
        return h == null ? 0 : h.count.sum();
    }

    static final class Family {
        final String name;
        final String help;
        final String type;
        final Map<Labels, LongAdder> counters = new ConcurrentHashMap<>();
        final Map<Labels, Histogram> histograms = new ConcurrentHashMap<>();
        final Map<Labels, DoubleSupplier> gauges = new ConcurrentHashMap<>();

        Family(String name, String help, String type) {
            this.name = name;
            this.help = help;
            this.type = type;
        }

        void render(StringBuilder sb) {
            sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
            sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
            counters.forEach((l, v) -> sb.append(name).append(l.render(null)).append(' ').append(v.sum()).append('\n'));
            gauges.forEach((l, v) -> sb.append(name).append(l.render(null)).append(' ').append(fmt(v.getAsDouble()))
                    .append('\n'));
            histograms.forEach((l, h) -> h.render(name, l, sb));
        }
    }

    static final class Histogram {
        final LongAdder[] buckets = new LongAdder[BOUNDS.length];
        final LongAdder count = new LongAdder();
        final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void record(double seconds) {
            for (int i = 0; i < BOUNDS.length; i++) {
                if (seconds <= BOUNDS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            count.increment();
            sum.add(seconds);
        }

        void render(String name, Labels l, StringBuilder sb) {
            long cumulative = 0;
            for (int i = 0; i < BOUNDS.length; i++) {
                cumulative += buckets[i].sum();
                sb.append(name).append("_bucket").append(l.render("le=\"" + fmt(BOUNDS[i]) + "\"")).append(' ')
                        .append(cumulative).append('\n');
            }
            sb.append(name).append("_bucket").append(l.render("le=\"+Inf\"")).append(' ').append(count.sum())
                    .append('\n');
            sb.append(name).append("_sum").append(l.render(null)).append(' ').append(fmt(sum.sum())).append('\n');
            sb.append(name).append("_count").append(l.render(null)).append(' ').append(count.sum()).append('\n');
        }
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    record Labels(String[] pairs) {
        static Labels of(String... pairs) {
            if (pairs.length % 2 != 0) {
                throw new IllegalArgumentException("labels come in name/value pairs");
            }
            return new Labels(pairs.clone());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Labels other && java.util.Arrays.equals(pairs, other.pairs);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(pairs);
        }

        String render(String extra) {
            if (pairs.length == 0 && extra == null) {
                return "";
            }
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < pairs.length; i += 2) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(pairs[i]).append("=\"")
                        .append(pairs[i + 1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                        .append('"');
            }
            if (extra != null) {
                sb.append(pairs.length > 0 ? "," : "").append(extra);
            }
            return sb.append('}').toString();
        }
    }
}
