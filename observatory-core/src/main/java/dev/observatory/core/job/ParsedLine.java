package dev.observatory.core.job;

import java.util.Arrays;

/**
 * The metrics found on one log line; a mutable holder reused line after line so that parsing allocates little.
 * {@link #step} is {@link #NO_STEP} when the line names none.
 */
public final class ParsedLine {
    public static final long NO_STEP = Long.MIN_VALUE;

    long step = NO_STEP;
    int size;
    String[] keys = new String[8];
    double[] values = new double[8];
    /** Which profile read the line: json, key_value, lightning, plain_step; null when none did. */
    String profile;

    void clear() {
        step = NO_STEP;
        size = 0;
        profile = null;
    }

    void add(String key, double value) {
        if (key.equals("step") || key.equals("global_step")) {
            if (Double.isFinite(value)) {
                step = (long) value;
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                values[i] = value;
                return;
            }
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size++] = value;
    }

    public long step() {
        return step;
    }

    public int size() {
        return size;
    }

    public String key(int i) {
        return keys[i];
    }

    public double value(int i) {
        return values[i];
    }

    public String profile() {
        return profile;
    }

    /** The value of a key on this line, or null. */
    public Double get(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }
}
