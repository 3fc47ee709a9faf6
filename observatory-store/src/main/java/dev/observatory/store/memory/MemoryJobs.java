package dev.observatory.store.memory;

import dev.observatory.model.Ids;
import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobEvent;
import dev.observatory.model.job.JobQuery;
import dev.observatory.model.job.JobStatus;
import dev.observatory.model.job.JobUpdate;
import dev.observatory.model.job.NewJob;
import dev.observatory.store.JobStore;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.RunStore;
import dev.observatory.store.internal.JobJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Jobs and their events in maps under one lock; the reference semantics of the contract. */
final class MemoryJobs implements JobStore {
    private static final Comparator<Job> NEWEST_FIRST = Comparator.comparing(Job::createdAt).thenComparing(Job::id)
            .reversed();

    private final InMemoryStorage.MemoryClock clock;
    private final RunStore runs;
    private final Map<String, Job> byId = new LinkedHashMap<>();
    private final Map<String, List<JobEvent>> events = new HashMap<>();

    MemoryJobs(InMemoryStorage.MemoryClock clock, RunStore runs) {
        this.clock = clock;
        this.runs = runs;
    }

    @Override
    public synchronized Job create(NewJob n) {
        runs.get(n.runId()).orElseThrow(() -> new NotFoundException("run " + n.runId() + " does not exist"));
        Job j = new Job(Ids.newId(), n.project(), n.runId(), n.name(), JobJson.copy(n.spec()), JobStatus.PENDING, null,
                null, null, ms(clock.now()), null, null, null, null, null, null, n.configName(), n.configVersion());
        byId.put(j.id(), j);
        return j;
    }

    @Override
    public synchronized Optional<Job> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<Job> list(JobQuery q) {
        return byId.values().stream().filter(matches(q)).sorted(NEWEST_FIRST).skip(q.offset()).limit(q.limit())
                .toList();
    }

    @Override
    public synchronized long count(JobQuery q) {
        return byId.values().stream().filter(matches(q)).count();
    }

    private static Predicate<Job> matches(JobQuery q) {
        return j -> (q.project() == null || q.project().equals(j.project()))
                && (q.runId() == null || q.runId().equals(j.runId()))
                && (q.statuses().isEmpty() || q.statuses().contains(j.status()));
    }

    @Override
    public synchronized Job update(String id, JobUpdate u) {
        Job j = byId.get(id);
        if (j == null) {
            throw new NotFoundException("no job with id " + id);
        }
        Job next = new Job(j.id(), j.project(), j.runId(), j.name(), j.spec(), or(u.status(), j.status()),
                or(u.pid(), j.pid()), or(ms(u.processStart()), j.processStart()), or(u.exitCode(), j.exitCode()),
                j.createdAt(), or(ms(u.startedAt()), j.startedAt()), or(ms(u.endedAt()), j.endedAt()),
                or(u.failure(), j.failure()), or(u.errorSignature(), j.errorSignature()),
                u.guardrail() == null ? j.guardrail() : JobJson.copy(u.guardrail()), or(u.logPath(), j.logPath()),
                j.configName(), j.configVersion());
        byId.put(id, next);
        return next;
    }

    @Override
    public synchronized void addEvent(JobEvent e) {
        if (!byId.containsKey(e.jobId())) {
            throw new NotFoundException("no job with id " + e.jobId());
        }
        events.computeIfAbsent(e.jobId(), k -> new ArrayList<>())
                .add(new JobEvent(e.jobId(), ms(e.at()), e.kind(), e.severity(), e.message()));
    }

    @Override
    public synchronized List<JobEvent> events(String jobId, int limit) {
        List<JobEvent> all = events.getOrDefault(jobId, List.of());
        return List.copyOf(all.subList(Math.max(0, all.size() - Math.max(1, limit)), all.size()));
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    private static Instant ms(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }
}
