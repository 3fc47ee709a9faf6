package dev.observatory.bench.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of this process' threads grouped by name (digits dropped: "GC Thread#0" and "GC Thread#1" are one group),
 * read from {@code /proc/self/task} so that native threads (DuckDB's workers) and the JVM's own (GC, JIT) count too.
 * Linux only; elsewhere the map is empty.
 */
final class ThreadCpu {
    /** Clock ticks per second of {@code /proc} times ({@code getconf CLK_TCK}; 100 on Linux). */
    private static final long TICK_NANOS = 10_000_000L;

    private ThreadCpu() {
    }

    /** CPU nanoseconds (user + system) per thread-name group, now. */
    static Map<String, Long> byName() {
        return byName("self");
    }

    /** CPU nanoseconds per thread-name group of process {@code pid} ("self" for this one), now. */
    static Map<String, Long> byName(String pid) {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", pid, "task"))) {
            tasks.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close).replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    out.merge(name, ticks * TICK_NANOS, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /**
     * CPU nanoseconds (user + system) of process {@code pid} ("self" for this one) so far, threads that ended included
     * (a per-thread sum misses them: the load tool's client threads end before it reads).
     */
    static long process(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The CPU per group spent since {@code before} (groups that used under 1 ms left out). */
    static Map<String, Long> since(Map<String, Long> before) {
        return since("self", before);
    }

    /** {@link #since(Map)} of process {@code pid}. */
    static Map<String, Long> since(String pid, Map<String, Long> before) {
        Map<String, Long> out = new TreeMap<>();
        byName(pid).forEach((name, ns) -> {
            long d = ns - before.getOrDefault(name, 0L);
            if (d >= 1_000_000L) {
                out.put(name, d);
            }
        });
        return out;
    }
}
