package dev.observatory.store.memory;

import dev.observatory.model.deploy.Build;
import dev.observatory.model.deploy.BuildQuery;
import dev.observatory.store.BuildStore;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Builds in a map under one lock. */
final class MemoryBuilds implements BuildStore {
    private static final Comparator<Build> NEWEST_FIRST = Comparator.comparing(Build::createdAt)
            .thenComparing(Build::id).reversed();

    private final Map<String, Build> byId = new LinkedHashMap<>();

    @Override
    public synchronized Build create(Build b) {
        if (byId.containsKey(b.id())) {
            throw new ConflictException("build " + b.id() + " exists");
        }
        Build kept = millis(b, b.createdBy(), b.createdAt());
        byId.put(b.id(), kept);
        return kept;
    }

    @Override
    public synchronized Optional<Build> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<Build> list(BuildQuery q) {
        return matching(q).sorted(NEWEST_FIRST).skip(q.offset()).limit(q.limit()).toList();
    }

    @Override
    public synchronized long count(BuildQuery q) {
        return matching(q).count();
    }

    @Override
    public synchronized Build update(Build b) {
        Build old = byId.get(b.id());
        if (old == null) {
            throw new NotFoundException("no build with id " + b.id());
        }
        Build kept = millis(b, old.createdBy(), old.createdAt());
        byId.put(b.id(), kept);
        return kept;
    }

    private Stream<Build> matching(BuildQuery q) {
        return byId.values().stream().filter(b -> q.name() == null || b.name().equals(q.name()))
                .filter(b -> q.statuses().isEmpty() || q.statuses().contains(b.status()));
    }

    /** The build with times cut to milliseconds (as the JDBC stores keep them). */
    private static Build millis(Build b, String createdBy, Instant createdAt) {
        return new Build(b.id(), b.name(), b.kind(), b.context(), b.template(), b.argv(), b.output(), b.status(),
                b.statusMessage(), b.exitCode(), b.logPath(), b.sizeBytes(), createdBy, ms(createdAt),
                ms(b.finishedAt()));
    }

    private static Instant ms(Instant t) {
        return t == null ? null : Instant.ofEpochMilli(t.toEpochMilli());
    }
}
