package dev.observatory.core.eval;

import dev.observatory.core.Cursors;
import dev.observatory.core.Tracking;
import dev.observatory.model.Run;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.artifact.ArtifactQuery;
import dev.observatory.model.eval.EvalQuery;
import dev.observatory.model.eval.EvalAggregate;
import dev.observatory.model.eval.EvalSubject;
import dev.observatory.model.eval.EvalSubjectKind;
import dev.observatory.model.registry.ModelVersion;
import dev.observatory.model.registry.VersionQuery;
import dev.observatory.store.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Trained policies (checkpoints and model versions) with their evaluation results: search by name, type, tags, user and
 * project, look up by reference, summarise results. Searching scans at most {@link #MAX_SCAN} checkpoints and as many
 * model versions (the answer says when the scan stopped early). A stateless facade over a {@link Tracking}.
 */
public final class Policies {
    /** Most checkpoints (and most model versions) one search looks at. */
    public static final int MAX_SCAN = 20_000;
    /** Largest page of a search. */
    public static final int MAX_PAGE = 500;
    private static final int SCAN_PAGE = 1000;

    private final Tracking tracking;
    private final Map<String, Run> runs = new HashMap<>();

    public Policies(Tracking tracking) {
        this.tracking = tracking;
    }

    /** One page of a search, the number of matches and whether every candidate was looked at. */
    public record SearchPage(List<Policy> items, String nextCursor, long total, boolean complete) {
    }

    /** Policies matching the filter, by name then reference; {@code limit} from where the cursor points. */
    public SearchPage search(PolicyFilter f, int limit, String cursor) {
        String fp = "policies|" + f;
        long now = tracking.clock().instant().getEpochSecond();
        SearchPage page = searchAt(f, Cursors.decode(cursor, fp, now), limit);
        long next = Cursors.decode(cursor, fp, now) + page.items().size();
        return new SearchPage(page.items(), next < page.total() ? Cursors.encode(next, fp, now) : null, page.total(),
                page.complete());
    }

    /** Policies matching the filter, by name then reference: {@code limit} from {@code offset}; no cursor. */
    public SearchPage searchAt(PolicyFilter f, long offset, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
        if (f.project() != null) {
            tracking.getProject(f.project());
        }
        Set<EvalSubject> evaluated = f.evaluatedOnly() ? evaluatedSubjects() : null;
        List<Policy> all = new ArrayList<>();
        boolean complete = true;
        if (f.type() != EvalSubjectKind.MODEL_VERSION) {
            complete &= scanCheckpoints(f, evaluated, all);
        }
        if (f.type() != EvalSubjectKind.CHECKPOINT) {
            complete &= scanVersions(f, evaluated, all);
        }
        all.sort(Comparator.comparing(Policy::name).thenComparing(Policy::subject));
        int from = (int) Math.min(offset, all.size());
        int to = Math.min(all.size(), from + limit);
        return new SearchPage(all.subList(from, to), null, all.size(), complete);
    }

    private Set<EvalSubject> evaluatedSubjects() {
        return new HashSet<>(tracking.store().evals().subjects(EvalQuery.of(null, 2 * MAX_SCAN)));
    }

    private boolean scanCheckpoints(PolicyFilter f, Set<EvalSubject> evaluated, List<Policy> out) {
        for (int offset = 0; offset < MAX_SCAN; offset += SCAN_PAGE) {
            List<Artifact> page = tracking.store().artifacts().list(new ArtifactQuery(null, f.project(),
                    ArtifactKind.CHECKPOINT, null, null, null, ArtifactQuery.Sort.PATH, false, SCAN_PAGE, offset));
            for (Artifact a : page) {
                EvalSubject s = new EvalSubject(EvalSubjectKind.CHECKPOINT, a.id());
                if (evaluated == null || evaluated.contains(s)) {
                    Policy p = checkpoint(a);
                    if (matches(p, f)) {
                        out.add(p);
                    }
                }
            }
            if (page.size() < SCAN_PAGE) {
                return true;
            }
        }
        return false;
    }

    private boolean scanVersions(PolicyFilter f, Set<EvalSubject> evaluated, List<Policy> out) {
        for (int offset = 0; offset < MAX_SCAN; offset += SCAN_PAGE) {
            List<ModelVersion> page = tracking.store().registry()
                    .listVersions(new VersionQuery(null, null, Set.of(), Map.of(), SCAN_PAGE, offset));
            for (ModelVersion v : page) {
                EvalSubject s = new EvalSubject(EvalSubjectKind.MODEL_VERSION, v.id());
                if (evaluated == null || evaluated.contains(s)) {
                    Policy p = version(v);
                    if (matches(p, f)) {
                        out.add(p);
                    }
                }
            }
            if (page.size() < SCAN_PAGE) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(Policy p, PolicyFilter f) {
        if (f.nameContains() != null
                && !p.name().toLowerCase(Locale.ROOT).contains(f.nameContains().toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (f.user() != null && !f.user().equals(p.user())) {
            return false;
        }
        if (f.project() != null && !f.project().equals(p.project())) {
            return false;
        }
        return f.tags().stream()
                .allMatch(t -> p.tags().contains(t) || p.tags().stream().anyMatch(pt -> pt.startsWith(t + "=")));
    }

    /** The policy (or run) a subject names; NotFoundException when it does not exist. */
    public Policy resolve(EvalSubject s) {
        EvalChecks.subject(s);
        return switch (s.kind()) {
            case RUN -> {
                Run r = tracking.getRun(s.id());
                yield new Policy(s, r.name(), r.project(), r.id(), r.user(), r.tags(), null, r.createdAt());
            }
            case CHECKPOINT -> checkpoint(new Evals(tracking).checkpoint(s.id()));
            case MODEL_VERSION -> version(tracking.store().registry().getVersionById(s.id())
                    .orElseThrow(() -> new NotFoundException("no model version with id " + EvalChecks.quote(s.id())
                            + ": list_model_versions shows version ids")));
        };
    }

    /**
     * {@link #resolve} for many subjects, in their order and each once, with the checkpoints looked up in one store
     * read; fails on the first subject that does not exist (or is no checkpoint) exactly as {@link #resolve} does.
     */
    public List<Policy> resolveAll(Collection<EvalSubject> subjects) {
        List<EvalSubject> distinct = List.copyOf(new LinkedHashSet<>(subjects));
        distinct.forEach(EvalChecks::subject);
        List<String> ids = distinct.stream().filter(s -> s.kind() == EvalSubjectKind.CHECKPOINT).map(EvalSubject::id)
                .toList();
        Map<String, Artifact> found = ids.isEmpty() ? Map.of() : tracking.store().artifacts().get(ids);
        List<Policy> out = new ArrayList<>(distinct.size());
        for (EvalSubject s : distinct) {
            Artifact a = s.kind() == EvalSubjectKind.CHECKPOINT ? found.get(s.id()) : null;
            boolean model = a != null && (a.kind() == ArtifactKind.CHECKPOINT || a.kind() == ArtifactKind.MODEL);
            out.add(model ? checkpoint(a) : resolve(s));
        }
        return out;
    }

    private Policy checkpoint(Artifact a) {
        Run r = run(a.runId());
        String runName = r == null ? a.runId() : r.name();
        String name = a.step() != null ? runName + "@" + a.step() : runName + "/" + a.path();
        return new Policy(new EvalSubject(EvalSubjectKind.CHECKPOINT, a.id()), name, a.project(), a.runId(),
                r == null ? null : r.user(), r == null ? List.of() : r.tags(), a.step(), a.created());
    }

    private Policy version(ModelVersion v) {
        Run r = v.runId() == null ? null : run(v.runId());
        List<String> tags = new ArrayList<>();
        v.tags().forEach((k, val) -> tags.add(val == null || val.isEmpty() ? k : k + "=" + val));
        return new Policy(new EvalSubject(EvalSubjectKind.MODEL_VERSION, v.id()), v.model() + ":v" + v.version(),
                r == null ? null : r.project(), v.runId(), v.createdBy(), tags, null, v.createdAt());
    }

    private Run run(String id) {
        return runs.computeIfAbsent(id, k -> tracking.store().runs().get(k).orElse(null));
    }

    /** Per subject, its (eval, metric) summaries by eval then metric; at most {@code maxGroups} in all. */
    public Map<EvalSubject, List<EvalSummary>> summaries(List<EvalSubject> subjects, int maxGroups) {
        Map<EvalSubject, List<EvalSummary>> out = new LinkedHashMap<>();
        subjects.forEach(s -> out.put(s, new ArrayList<>()));
        if (subjects.isEmpty()) {
            return out;
        }
        for (EvalAggregate a : tracking.store().evals().aggregates(EvalQuery.of(subjects, maxGroups))) {
            out.get(a.subject())
                    .add(new EvalSummary(a.evalName(), a.metric(), a.count(), a.mean(), a.min(), a.max(), a.last()));
        }
        return out;
    }
}
