package dev.observatory.core.release;

import dev.observatory.core.Actor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.core.registry.Registry;
import dev.observatory.store.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Production topology as GitOps release configs: YAML files in a Git repository (one machine each, its GPUs and the
 * model versions deployed on them), read with JGit and cached by commit id. Changes are proposed as a commit on a new
 * branch plus a pull request for a human to review; the production branch is never written.
 * <p>
 * State (the opened repository and its parse cache) is per {@link Tracking}: the server calls {@link #configure} once
 * at start-up; {@code new Releases(tracking)} is then cheap. Errors: NotFoundException when no repository is configured
 * or a machine/file is unknown, ReleaseYamlException (an IllegalArgumentException) for a file that cannot be read,
 * ConflictException for a refused proposal, ReadOnlyException in read-only mode or with the production gate closed.
 */
public final class Releases {
    private static final Map<Tracking, ReleaseRepository> CONFIGURED = Collections.synchronizedMap(new WeakHashMap<>());

    private final Tracking tracking;
    private final ReleaseRepository repo;

    public Releases(Tracking tracking) {
        this.tracking = tracking;
        this.repo = CONFIGURED.get(tracking);
    }

    /** Sets the release repository every {@code new Releases(tracking)} uses (null settings or repo: none). */
    public static void configure(Tracking tracking, ReleaseSettings settings) {
        ReleaseRepository old = settings == null || settings.repo() == null || settings.repo().isBlank()
                ? CONFIGURED.remove(tracking)
                : CONFIGURED.put(tracking, new ReleaseRepository(settings, tracking.clock()));
        if (old != null) {
            old.close();
        }
    }

    /** Whether a release repository is configured. */
    public boolean configured() {
        return repo != null;
    }

    /** Whether propose_release_config may run: not read-only and the production gate open. */
    public boolean proposalsAllowed() {
        return repo != null && !tracking.readOnly() && repo.settings().allowProductionChanges();
    }

    /** The parsed head of the production branch. */
    public ReleaseSnapshot snapshot() {
        return repository().snapshot();
    }

    /** One machine's config, by machine name or file path. */
    public ReleaseConfig config(String machineOrPath) {
        ReleaseSnapshot s = snapshot();
        return s.machine(machineOrPath).or(() -> s.file(machineOrPath)).orElseThrow(() -> {
            for (ReleaseYamlException e : s.errors()) {
                if (e.file().equals(machineOrPath)) {
                    return e;
                }
            }
            return new NotFoundException(
                    "no release config for machine or file '" + machineOrPath + "': list_release_configs shows them");
        });
    }

    /** The topology of every machine (machine null) or of one. */
    public Topology topology(String machine) {
        ReleaseSnapshot s = snapshot();
        Topology all = new TopologyBuilder(s, registryCheck()).build(s);
        if (machine == null) {
            return all;
        }
        List<MachineTopology> one = all.machines().stream().filter(m -> m.machine().equals(machine)).toList();
        if (one.isEmpty()) {
            throw new NotFoundException(
                    "no release config for machine '" + machine + "': list_release_configs shows the machines");
        }
        return new Topology(all.commitId(), all.branch(), one, one.get(0).conflicts());
    }

    /** Where each model (or one model) is deployed in production, by model, version and machine. */
    public List<ModelPlacement> placements(String model) {
        List<ModelPlacement> out = new ArrayList<>();
        for (ReleaseConfig c : snapshot().configs()) {
            for (ReleaseDeployment d : c.deployments()) {
                if (model == null || d.model().equals(model)) {
                    out.add(new ModelPlacement(d.model(), d.version(), c.machine(), d.name(), d.template(),
                            d.replicas(), d.ports(), d.gpus(), c.path()));
                }
            }
        }
        out.sort(Comparator.comparing(ModelPlacement::model).thenComparing(ModelPlacement::version)
                .thenComparing(ModelPlacement::machine).thenComparing(ModelPlacement::deployment));
        return out;
    }

    /** Serving templates: the built-in examples and the repository's templates/ (when a repository is configured). */
    public List<DockerTemplate> templates() {
        return repo == null ? DockerTemplates.builtins() : snapshot().templates();
    }

    /** Validates a change and commits it on a new branch; opens a pull request when a remote and token exist. */
    public ReleaseProposal propose(Actor actor, ProposalRequest request) {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("propose_release_config");
        }
        ReleaseRepository r = repository();
        if (!r.settings().allowProductionChanges()) {
            throw new ProductionChangesDisabledException();
        }
        if (!actor.productionScope()) {
            throw new ProductionChangesDisabledException(actor.name());
        }
        ReleaseProposal p = new Proposals(r, registryCheck()).propose(actor, request, tracking.clock().instant());
        tracking.auditor().record(actor, "release.propose", "release/" + p.machine(),
                p.branch() + " " + (p.pullRequestUrl() != null ? p.pullRequestUrl() : "no pull request"));
        return p;
    }

    /** Model versions checked against the registry: a number is a version, anything else an alias. */
    VersionCheck registryCheck() {
        Registry registry = new Registry(tracking);
        return (model, version) -> {
            try {
                if (version.chars().allMatch(Character::isDigit) && version.length() < 10) {
                    registry.getVersion(model, Integer.parseInt(version));
                } else {
                    registry.getByAlias(model, version);
                }
                return true;
            } catch (NotFoundException | IllegalArgumentException e) {
                return false;
            }
        };
    }

    private ReleaseRepository repository() {
        if (repo == null) {
            throw new NotFoundException("no release repository is configured: set release_repo (a local clone or a"
                    + " Git URL; OBSERVATORY_RELEASE_REPO)");
        }
        return repo;
    }

    /** The clock of the service (for callers that stamp results). */
    Clock clock() {
        return tracking.clock();
    }
}
