package dev.observatory.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options of a load tool. Unknown names and missing values are errors that say what to fix, so a
 * typo never silently runs a different benchmark.
 */
final class CliArgs {
    private final Map<String, String> values = new HashMap<>();
    private final List<String> rest;

    private CliArgs(List<String> rest) {
        this.rest = rest;
    }

    /**
     * Parses {@code args}; everything after a lone {@code --} is kept as {@link #rest()} (a command line to run).
     */
    static CliArgs parse(String[] args, Set<String> known) {
        int end = args.length;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                end = i;
                break;
            }
        }
        CliArgs a = new CliArgs(end < args.length ? List.of(args).subList(end + 1, args.length) : List.of());
        for (int i = 0; i < end; i++) {
            String name = args[i];
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new IllegalArgumentException("unknown option " + name + "; known: --"
                        + String.join(", --", known.stream().sorted().toList()));
            }
            if (i + 1 >= end) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            a.values.put(name.substring(2), args[++i]);
        }
        return a;
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a whole number, got '" + v + "'");
        }
    }

    List<String> rest() {
        return rest;
    }
}
