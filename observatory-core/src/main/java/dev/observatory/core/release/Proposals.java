package dev.observatory.core.release;

import dev.observatory.core.Actor;
import dev.observatory.store.ConflictException;
import dev.observatory.store.NotFoundException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * propose_release_config: applies a change to one machine's file, refuses it when the machine would have conflicts (GPU
 * over-allocation, clashes, unknown versions or templates), commits it on a new branch and opens a pull request when it
 * can.
 */
final class Proposals {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final ReleaseRepository repo;
    private final VersionCheck versions;

    Proposals(ReleaseRepository repo, VersionCheck versions) {
        this.repo = repo;
        this.versions = versions;
    }

    ReleaseProposal propose(Actor actor, ProposalRequest req, Instant now) {
        ReleaseSnapshot s = repo.snapshot();
        ReleaseConfig changed = apply(s, req);
        MachineTopology m = new TopologyBuilder(s, versions).machine(changed);
        List<ReleaseConflict> conflicts = new ArrayList<>(m.conflicts());
        s.configs().stream().filter(c -> c.machine().equals(changed.machine()) && !c.path().equals(changed.path()))
                .forEach(c -> conflicts.add(new ReleaseConflict(ReleaseConflict.DUPLICATE_MACHINE, c.machine(),
                        changed.path(), 1, "machine " + c.machine() + " is already described in " + c.path())));
        if (!conflicts.isEmpty()) {
            throw new ConflictException("the proposal for " + changed.machine() + " is refused: "
                    + conflicts.stream().map(ReleaseConflict::toString).collect(Collectors.joining("; ")));
        }
        String text = req.yaml() != null ? req.yaml() : ReleaseYaml.render(changed);
        if (text.equals(s.texts().get(changed.path()))) {
            throw new IllegalArgumentException("the proposal changes nothing in " + changed.path());
        }
        String title = req.title() == null || req.title().isBlank() ? defaultTitle(req) : req.title().trim();
        Repository git = repo.repo();
        ObjectId base = ObjectId.fromString(s.commitId());
        String branch = "observatory/" + slug(title) + "-" + STAMP.format(now);
        String message = title + "\n\nProposed by " + actor.name() + " through Observatory (" + actor.surface() + ")."
                + (req.description() == null ? "" : "\n\n" + req.description());
        ObjectId commit = BranchCommit.commit(git, base, branch, changed.path(), text, message,
                BranchCommit.author(actor.name(), now));
        String diff = BranchCommit.diff(git, base, commit);
        PullRequests.Outcome pr = pullRequest(git, branch, s.branch(), title, message);
        return new ReleaseProposal(changed.machine(), changed.path(), branch, s.branch(), s.commitId(), commit.name(),
                diff, pr.url(), pr.skipped());
    }

    private PullRequests.Outcome pullRequest(Repository git, String branch, String base, String title, String body) {
        ReleaseSettings settings = repo.settings();
        String remote = repo.remoteUrl();
        String provider = PullRequests.provider(settings, remote);
        if (provider == null) {
            return new PullRequests.Outcome(null, "no GitHub or GitLab remote is configured (release_pr_provider, or"
                    + " an origin on github.com / gitlab): push " + branch + " and open the pull request by hand");
        }
        if (!provider.equals("github") && !provider.equals("gitlab")) {
            return new PullRequests.Outcome(null, "release_pr_provider must be github or gitlab, not " + provider);
        }
        String token = settings.token(provider);
        if (token == null) {
            return new PullRequests.Outcome(null,
                    "no " + provider + " token is configured (set OBSERVATORY_" + provider.toUpperCase(Locale.ROOT)
                            + "_TOKEN): push " + branch + " and open the pull request" + " by hand");
        }
        String target = PullRequests.repository(settings, remote);
        if (target == null) {
            return new PullRequests.Outcome(null, "the " + provider + " repository is unknown: set release_pr_repo");
        }
        if (remote == null) {
            return new PullRequests.Outcome(null,
                    "the release repository has no origin remote to push " + branch + " to");
        }
        String pushFailure = BranchCommit.push(git, branch, repo.credentials());
        if (pushFailure != null) {
            return new PullRequests.Outcome(null, pushFailure);
        }
        return PullRequests.open(provider,
                provider.equals("gitlab") ? settings.gitlabApiUrl() : settings.githubApiUrl(), target, token, branch,
                base, title, body);
    }

    private static ReleaseConfig apply(ReleaseSnapshot s, ProposalRequest req) {
        if (req.machine() == null || req.machine().isBlank()) {
            throw new IllegalArgumentException("name the machine the change is for (machine)");
        }
        int given = (req.yaml() != null ? 1 : 0) + (req.deployment() != null ? 1 : 0)
                + (req.removeDeployment() != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one of yaml (the whole file), a deployment to add or"
                    + " replace, or remove_deployment");
        }
        ReleaseConfig current = s.machine(req.machine()).orElse(null);
        if (req.yaml() != null) {
            String path = current != null ? current.path() : "machines/" + req.machine() + ".yaml";
            ReleaseConfig parsed = ReleaseYaml.parse(path, req.yaml());
            if (!parsed.machine().equals(req.machine())) {
                throw new IllegalArgumentException(
                        "the yaml describes machine " + parsed.machine() + ", not " + req.machine());
            }
            return parsed;
        }
        if (current == null) {
            throw new NotFoundException("machine " + req.machine() + " has no release config: give the whole file as"
                    + " yaml to add it (list_release_configs shows the machines)");
        }
        List<ReleaseDeployment> ds = new ArrayList<>(current.deployments());
        if (req.removeDeployment() != null) {
            if (!ds.removeIf(d -> d.name().equals(req.removeDeployment()))) {
                throw new NotFoundException(
                        "machine " + req.machine() + " has no deployment named " + req.removeDeployment());
            }
        } else {
            ReleaseDeployment d = req.deployment().atLine(0);
            int at = indexOf(ds, d.name());
            if (at >= 0) {
                ds.set(at, d);
            } else {
                ds.add(d);
            }
        }
        return new ReleaseConfig(current.path(), current.machine(), current.gpuCount(), current.gpuType(),
                current.environment(), ds);
    }

    private static int indexOf(List<ReleaseDeployment> ds, String name) {
        for (int i = 0; i < ds.size(); i++) {
            if (ds.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String defaultTitle(ProposalRequest req) {
        if (req.deployment() != null) {
            ReleaseDeployment d = req.deployment();
            return "Deploy " + d.model() + " " + d.version() + " as " + d.name() + " on " + req.machine();
        }
        return req.removeDeployment() != null ? "Remove " + req.removeDeployment() + " from " + req.machine()
                : "Update the release config of " + req.machine();
    }

    static String slug(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        s = s.length() > 40 ? s.substring(0, 40).replaceAll("-+$", "") : s;
        return s.isEmpty() ? "change" : s;
    }
}
