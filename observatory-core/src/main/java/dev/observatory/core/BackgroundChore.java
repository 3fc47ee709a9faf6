package dev.observatory.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping started from a hot path (e.g. retention from ingest): runs at most once per interval per owner, on a
 * virtual thread, so the caller never waits for it; a failure is logged, never thrown. Owners are held weakly, so a
 * closed store is forgotten.
 */
public final class BackgroundChore {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundChore.class);
    private static final Map<Object, Map<String, Long>> LAST_RUN = new WeakHashMap<>();

    private BackgroundChore() {
    }

    /** Starts {@code chore} named {@code name} for {@code owner} unless it ran less than {@code every} ago. */
    public static void maybeRun(Object owner, String name, Duration every, Clock clock, Runnable chore) {
        long now = clock.millis();
        synchronized (LAST_RUN) {
            Map<String, Long> runs = LAST_RUN.computeIfAbsent(owner, o -> new java.util.HashMap<>());
            Long last = runs.get(name);
            if (last != null && now - last < every.toMillis()) {
                return;
            }
            runs.put(name, now);
        }
        Thread.ofVirtual().name(name).start(() -> {
            try {
                chore.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", name, e.getMessage());
            }
        });
    }
}
