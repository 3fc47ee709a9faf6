package dev.observatory.server.mcp;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Start-up marks of {@code observatory mcp} for profiling (docs/decisions/0009-stdio-startup.md, addendum 3): with
 * {@code -Dobservatory.startup.trace=true} every {@link #mark} records the time since {@code main} began and the
 * thread; once the first answer has been written ({@link #answered}) they are logged at INFO on stderr in one go, with
 * the process's age at {@code main} (the JVM's own start, from the OS's process start time: 10 ms resolution). Off by
 * default, when a mark costs one boolean read.
 */
public final class StartupTrace {
    private static final boolean ENABLED = Boolean.getBoolean("observatory.startup.trace");
    private static final long T0 = System.nanoTime();
    private static final long MAIN_AT_MILLIS = System.currentTimeMillis();
    private static final ConcurrentLinkedQueue<String> MARKS = new ConcurrentLinkedQueue<>();
    private static volatile boolean reported;

    private StartupTrace() {
    }

    /** Records a mark (no-op unless tracing is on). */
    public static void mark(String what) {
        if (ENABLED && !reported) {
            MARKS.add(String.format(Locale.ROOT, "startup +%6.1f ms  %-24s %s", (System.nanoTime() - T0) / 1e6,
                    "[" + Thread.currentThread().getName() + "]", what));
        }
    }

    /** Marks the first answer on stdout and logs every mark so far; later calls do nothing. */
    public static void answered() {
        if (!ENABLED || reported) {
            return;
        }
        mark("first answer written");
        reported = true;
        var log = LoggerFactory.getLogger(StartupTrace.class);
        long jvmStart = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(MAIN_AT_MILLIS);
        log.info("startup: main began {} ms after the process started", MAIN_AT_MILLIS - jvmStart);
        MARKS.forEach(log::info);
    }
}
