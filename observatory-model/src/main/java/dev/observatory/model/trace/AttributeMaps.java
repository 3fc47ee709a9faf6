package dev.observatory.model.trace;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The unmodifiable, insertion-ordered attribute maps that spans, events and links keep. {@link #copyOf} copies a map
 * once and answers a map it made itself as it is, so that a span built from another span's maps, or from maps the OTLP
 * receiver {@link #adopt adopted}, does not copy them again and spans of one resource share one resource map (decision
 * 0045). The maps behave as {@code Collections.unmodifiableMap(new LinkedHashMap<>(map))}, which they wrap.
 */
public final class AttributeMaps {
    private static final Map<String, Object> EMPTY = new Frozen(new LinkedHashMap<>());

    private AttributeMaps() {
    }

    /** {@code Map.of()} for null, the map itself when this class made it, else an unmodifiable ordered copy. */
    public static Map<String, Object> copyOf(Map<String, Object> map) {
        if (map == null) {
            return Map.of();
        }
        if (map instanceof Frozen) {
            return map;
        }
        return map.isEmpty() ? EMPTY : new Frozen(new LinkedHashMap<>(map));
    }

    /**
     * The map made unmodifiable without a copy: the caller hands it over and must neither change it nor let anyone else
     * hold it (the OTLP receiver, which builds one map per attribute list).
     */
    public static Map<String, Object> adopt(LinkedHashMap<String, Object> map) {
        return map.isEmpty() ? EMPTY : new Frozen(map);
    }

    /** An unmodifiable view of a map nobody else holds: every call goes to the view. */
    private static final class Frozen implements Map<String, Object> {
        private final Map<String, Object> view;

        Frozen(LinkedHashMap<String, Object> map) {
            this.view = Collections.unmodifiableMap(map);
        }

        @Override
        public int size() {
            return view.size();
        }

        @Override
        public boolean isEmpty() {
            return view.isEmpty();
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public boolean containsValue(Object value) {
            return view.containsValue(value);
        }

        @Override
        public Object get(Object key) {
            return view.get(key);
        }

        @Override
        public Object getOrDefault(Object key, Object defaultValue) {
            return view.getOrDefault(key, defaultValue);
        }

        @Override
        public Object put(String key, Object value) {
            return view.put(key, value);
        }

        @Override
        public Object remove(Object key) {
            return view.remove(key);
        }

        @Override
        public void putAll(Map<? extends String, ? extends Object> m) {
            view.putAll(m);
        }

        @Override
        public void clear() {
            view.clear();
        }

        @Override
        public Set<String> keySet() {
            return view.keySet();
        }

        @Override
        public Collection<Object> values() {
            return view.values();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return view.entrySet();
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Object> action) {
            view.forEach(action);
        }

        @Override
        public void replaceAll(BiFunction<? super String, ? super Object, ? extends Object> function) {
            view.replaceAll(function);
        }

        @Override
        public Object putIfAbsent(String key, Object value) {
            return view.putIfAbsent(key, value);
        }

        @Override
        public boolean remove(Object key, Object value) {
            return view.remove(key, value);
        }

        @Override
        public boolean replace(String key, Object oldValue, Object newValue) {
            return view.replace(key, oldValue, newValue);
        }

        @Override
        public Object replace(String key, Object value) {
            return view.replace(key, value);
        }

        @Override
        public Object computeIfAbsent(String key, Function<? super String, ? extends Object> f) {
            return view.computeIfAbsent(key, f);
        }

        @Override
        public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ? extends Object> f) {
            return view.computeIfPresent(key, f);
        }

        @Override
        public Object compute(String key, BiFunction<? super String, ? super Object, ? extends Object> f) {
            return view.compute(key, f);
        }

        @Override
        public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ? extends Object> f) {
            return view.merge(key, value, f);
        }

        @Override
        public boolean equals(Object o) {
            return o == this || view.equals(o);
        }

        @Override
        public int hashCode() {
            return view.hashCode();
        }

        @Override
        public String toString() {
            return view.toString();
        }
    }
}
