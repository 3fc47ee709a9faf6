package dev.observatory.store.internal;

import dev.observatory.model.NewRun;
import dev.observatory.model.Run;
import dev.observatory.model.RunPatch;
import dev.observatory.model.RunStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules for creating and patching runs that every backend applies alike (uniqueness checks stay with the backend).
 * Times are truncated to microseconds, the precision the databases keep. Public only for the backends.
 */
public final class RunRules {

    private RunRules() {
    }

    /** Microsecond precision; null stays null. */
    public static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * A new run: generated name {@code run-<first 8 id chars>} when none, status RUNNING by default, started now unless
     * queued or given, ended now when created in a terminal status, params deep-copied in order.
     */
    public static Run create(NewRun n, String id, Instant now) {
        RunStatus status = n.status() == null ? RunStatus.RUNNING : n.status();
        String name = n.name() == null ? "run-" + id.substring(0, 8) : n.name();
        Instant started = n.startedAt() != null ? micros(n.startedAt()) : status == RunStatus.QUEUED ? null : now;
        return new Run(id, n.project(), name, status, n.user(), n.tags() == null ? List.of() : n.tags(),
                copy(n.params()), n.notes(), now, started, status.terminal() ? now : null, null, n.gitCommit(),
                n.host());
    }

    /**
     * The run after the patch: null fields unchanged; params merged key by key (existing keys keep their place, new
     * ones are appended); tags replaced; moving to a terminal status sets endedAt (the patch's, else now); moving to
     * RUNNING without a start time sets startedAt to now.
     */
    public static Run apply(Run r, RunPatch p, Instant now) {
        RunStatus status = p.status() == null ? r.status() : p.status();
        Instant started = r.startedAt() == null && status == RunStatus.RUNNING ? now : r.startedAt();
        Instant ended = r.endedAt();
        if (p.endedAt() != null) {
            ended = micros(p.endedAt());
        } else if (status.terminal() && (ended == null || !r.status().terminal())) {
            ended = now;
        }
        Map<String, Object> params = new LinkedHashMap<>(r.params());
        if (p.params() != null) {
            params.putAll(copy(p.params()));
        }
        return new Run(r.id(), r.project(), p.name() == null ? r.name() : p.name(), status, r.user(),
                p.tags() == null ? r.tags() : p.tags(), params, p.notes() == null ? r.notes() : p.notes(),
                r.createdAt(), started, ended, p.heartbeatAt() == null ? r.heartbeatAt() : micros(p.heartbeatAt()),
                r.gitCommit(), r.host());
    }

    /** A deep, ordered, mutable copy of params (maps with string keys, lists, scalars). */
    public static Map<String, Object> copy(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (params != null) {
            params.forEach((k, v) -> out.put(k, copyValue(v)));
        }
        return out;
    }

    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), copyValue(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(copyValue(x)));
            return out;
        }
        return v;
    }
}
