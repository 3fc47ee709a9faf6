package dev.observatory.server.mlflow;

import dev.observatory.server.mlflow.SearchFilter.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * MLflow's {@code order_by}: a list of {@code "<entity> [ASC|DESC]"}, entities as in filters. Values missing on a row
 * sort last in both directions; numbers compare as numbers, text as text.
 */
record OrderBy(Entity entity, boolean ascending) {

    static List<OrderBy> parse(List<String> orderBy, Set<String> stringAttributes, Set<String> numericAttributes) {
        List<OrderBy> out = new ArrayList<>();
        for (String raw : orderBy) {
            String s = raw.trim();
            boolean asc = true;
            String upper = s.toUpperCase(Locale.ROOT);
            if (upper.endsWith(" DESC")) {
                asc = false;
                s = s.substring(0, s.length() - 5).trim();
            } else if (upper.endsWith(" ASC")) {
                s = s.substring(0, s.length() - 4).trim();
            }
            List<SearchFilter.Clause> c;
            try {
                c = new SearchParser(s + " IS NULL", stringAttributes, numericAttributes, true).clauses();
            } catch (MlflowException e) {
                throw MlflowException.invalid("Invalid order_by clause '" + raw + "': use '<entity> [ASC|DESC]' with"
                        + " an entity such as metrics.loss, params.lr, tags.team or attributes.start_time");
            }
            out.add(new OrderBy(c.get(0).entity(), asc));
        }
        return out;
    }

    /** A comparator over rows given how to read an entity of a row (Double, String or null). */
    static <R> Comparator<R> comparator(List<OrderBy> order, Function<R, Function<Entity, Object>> reader) {
        Comparator<R> all = (a, b) -> 0;
        for (OrderBy o : order) {
            all = all.thenComparing((a, b) -> compare(reader.apply(a).apply(o.entity()),
                    reader.apply(b).apply(o.entity()), o.ascending()));
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    static int compare(Object x, Object y, boolean ascending) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : 1) : -1;
        }
        int c;
        if (x instanceof Double a && y instanceof Double b) {
            c = Double.compare(a, b);
        } else {
            c = ((Comparable<Object>) (Object) x.toString()).compareTo(y.toString());
        }
        return ascending ? c : -c;
    }
}
