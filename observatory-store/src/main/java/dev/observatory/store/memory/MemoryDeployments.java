package dev.observatory.store.memory;

import dev.observatory.model.deploy.Deployment;
import dev.observatory.model.deploy.DeploymentQuery;
import dev.observatory.store.ConflictException;
import dev.observatory.store.DeploymentStore;
import dev.observatory.store.NotFoundException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Deployments in a map under one lock. */
final class MemoryDeployments implements DeploymentStore {
    private static final Comparator<Deployment> NEWEST_FIRST = Comparator.comparing(Deployment::createdAt)
            .thenComparing(Deployment::id).reversed();

    private final Map<String, Deployment> byId = new LinkedHashMap<>();

    @Override
    public synchronized Deployment create(Deployment d) {
        if (byId.containsKey(d.id())) {
            throw new ConflictException("deployment " + d.id() + " exists");
        }
        Deployment kept = millis(d, d.createdBy(), d.createdAt());
        byId.put(d.id(), kept);
        return kept;
    }

    @Override
    public synchronized Optional<Deployment> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<Deployment> list(DeploymentQuery q) {
        return matching(q).sorted(NEWEST_FIRST).skip(q.offset()).limit(q.limit()).toList();
    }

    @Override
    public synchronized long count(DeploymentQuery q) {
        return matching(q).count();
    }

    @Override
    public synchronized Deployment update(Deployment d) {
        Deployment old = byId.get(d.id());
        if (old == null) {
            throw new NotFoundException("no deployment with id " + d.id());
        }
        Deployment kept = millis(d, old.createdBy(), old.createdAt());
        byId.put(d.id(), kept);
        return kept;
    }

    private Stream<Deployment> matching(DeploymentQuery q) {
        return byId.values().stream().filter(d -> q.model() == null || d.model().equals(q.model()))
                .filter(d -> q.statuses().isEmpty() || q.statuses().contains(d.status()));
    }

    /** The deployment with times cut to milliseconds (as the JDBC stores keep them). */
    private static Deployment millis(Deployment d, String createdBy, Instant createdAt) {
        return new Deployment(d.id(), d.model(), d.version(), d.versionId(), d.environment(), d.runtime(), d.template(),
                d.argv(), d.port(), d.env(), d.endpoint(), d.healthUrl(), d.status(), d.statusMessage(), d.pid(),
                ms(d.processStart()), d.logPath(), d.restarts(), createdBy, ms(createdAt), ms(d.updatedAt()));
    }

    private static Instant ms(Instant t) {
        return t == null ? null : Instant.ofEpochMilli(t.toEpochMilli());
    }
}
