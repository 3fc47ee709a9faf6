package dev.observatory.core.apm;

import dev.observatory.model.trace.Span;
import dev.observatory.model.trace.SpanKind;
import dev.observatory.model.trace.SpanStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic traces of a small shop, one per {@code spacingMs} from {@code startNanos}:
 *
 * <pre>
 * frontend SERVER "GET /"  -> frontend CLIENT -> api SERVER "GET /api/page"
 *   api CLIENT -> auth SERVER "verify"                              (every trace)
 *   api CLIENT -> catalog SERVER "GET /items"                       (t % 3 != 0)
 *     catalog CLIENT -> inventory SERVER "reserve"                  (t % 3 == 1; ERROR when t % 10 == 1)
 * </pre>
 *
 * The catalog's own time is 40..59 ms (seeded), plus {@code extraCatalogMs}.
 */
final class ShopTraces {
    static final long MS = 1_000_000;

    private ShopTraces() {
    }

    static List<Span> generate(long startNanos, int traces, long spacingMs, long extraCatalogMs, long seed) {
        List<Span> out = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(seed);
        for (int t = 0; t < traces; t++) {
            out.addAll(trace(seed * 1_000_000 + t, t, startNanos + t * spacingMs * MS,
                    40 + r.nextInt(20) + extraCatalogMs));
        }
        return out;
    }

    /** The spans of one trace; {@code n} makes the ids unique, {@code t} picks the shape. */
    static List<Span> trace(long n, int t, long start, long catalogSelfMs) {
        List<Span> s = new ArrayList<>();
        String id = String.format("%016x%016x", 0xabcL, n + 1);
        long apiEnd = 30;
        s.add(span(id, 3, 2, "api", "GET /api/page", SpanKind.SERVER, start, 4, -1, false));
        s.add(span(id, 4, 3, "api", "auth call", SpanKind.CLIENT, start, 6, 26, false));
        s.add(span(id, 5, 4, "auth", "verify", SpanKind.SERVER, start, 7, 25, false));
        if (t % 3 != 0) {
            boolean inventory = t % 3 == 1;
            long catalogEnd = 31 + catalogSelfMs + (inventory ? 20 : 0);
            s.add(span(id, 6, 3, "api", "catalog call", SpanKind.CLIENT, start, 30, catalogEnd + 1, false));
            s.add(span(id, 7, 6, "catalog", "GET /items", SpanKind.SERVER, start, 31, catalogEnd, false));
            if (inventory) {
                s.add(span(id, 8, 7, "catalog", "inventory call", SpanKind.CLIENT, start, 33, 53, false));
                s.add(span(id, 9, 8, "inventory", "reserve", SpanKind.SERVER, start, 34, 52, t % 10 == 1));
            }
            apiEnd = catalogEnd + 1;
        }
        long end = apiEnd + 10;
        s.set(0, span(id, 3, 2, "api", "GET /api/page", SpanKind.SERVER, start, 4, end - 4, false));
        s.add(0, span(id, 2, 1, "frontend", "api call", SpanKind.CLIENT, start, 2, end - 2, false));
        s.add(0, span(id, 1, 0, "frontend", "GET /", SpanKind.SERVER, start, 0, end, false));
        return s;
    }

    static Span span(String trace, int span, int parent, String service, String name, SpanKind kind, long start,
            long fromMs, long toMs, boolean failed) {
        return new Span(trace, String.format("%016x", span), parent == 0 ? null : String.format("%016x", parent),
                service, name, kind, start + fromMs * MS, start + toMs * MS, failed ? SpanStatus.ERROR : SpanStatus.OK,
                failed ? "out of stock" : null, Map.of(), Map.of("service.name", service), "", "", List.of(),
                List.of());
    }
}
