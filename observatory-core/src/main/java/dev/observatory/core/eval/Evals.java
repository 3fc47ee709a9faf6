package dev.observatory.core.eval;

import dev.observatory.core.Actor;
import dev.observatory.core.Cursors;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.Ids;
import dev.observatory.model.Page;
import dev.observatory.model.artifact.Artifact;
import dev.observatory.model.artifact.ArtifactKind;
import dev.observatory.model.eval.EvalMetricCount;
import dev.observatory.model.eval.EvalQuery;
import dev.observatory.model.eval.EvalResult;
import dev.observatory.model.eval.EvalSubject;
import dev.observatory.store.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evaluation service: records evaluation results of runs, checkpoints and model versions (validated, all or none)
 * and answers which evaluations and metrics exist. Every surface (REST, MCP) goes through it. A stateless facade over a
 * {@link Tracking}: building one per request is cheap.
 * <p>
 * Errors: IllegalArgumentException for bad input (non-finite value, empty or over-long names, a batch over
 * {@link #MAX_BATCH}), NotFoundException for a subject that does not exist, ReadOnlyException in read-only mode.
 */
public final class Evals {
    /** Most results one call may record. */
    public static final int MAX_BATCH = 10_000;
    /** Largest page of raw results. */
    public static final int MAX_PAGE = 10_000;

    private final Tracking tracking;

    public Evals(Tracking tracking) {
        this.tracking = tracking;
    }

    /** Validates and stores a batch; returns the stored results (with ids and recording time). */
    public List<EvalResult> record(Actor actor, List<EvalInput> inputs) {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("evals.record");
        }
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("send at least one evaluation result");
        }
        if (inputs.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a batch may carry at most " + MAX_BATCH + " evaluation results, got "
                    + inputs.size() + ": split it into several requests");
        }
        Set<EvalSubject> subjects = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            EvalChecks.result(i, inputs.get(i));
            subjects.add(inputs.get(i).subject());
        }
        subjects.forEach(this::checkSubject);
        Instant now = Instant.ofEpochMilli(tracking.clock().millis());
        List<EvalResult> rows = new ArrayList<>(inputs.size());
        for (EvalInput in : inputs) {
            rows.add(new EvalResult(Ids.newId(), in.subject(), in.evalName(), in.metric(), in.value(), in.episode(),
                    in.seed(), in.step(), now));
        }
        tracking.store().evals().append(rows);
        tracking.auditor().record(actor, "evals.record",
                subjects.size() == 1 ? subjects.iterator().next().ref() : "evals",
                rows.size() + " results of " + subjects.size() + " subject(s)");
        return rows;
    }

    /** NotFoundException when the subject does not exist; IllegalArgumentException for an artifact that is no model. */
    public void checkSubject(EvalSubject s) {
        EvalChecks.subject(s);
        switch (s.kind()) {
            case RUN -> tracking.getRun(s.id());
            case CHECKPOINT -> checkpoint(s.id());
            case MODEL_VERSION -> tracking.store().registry().getVersionById(s.id())
                    .orElseThrow(() -> new NotFoundException("no model version with id " + EvalChecks.quote(s.id())
                            + ": list_model_versions shows version ids"));
        }
    }

    Artifact checkpoint(String id) {
        Artifact a = tracking.store().artifacts().get(id).orElseThrow(() -> new NotFoundException(
                "no checkpoint with id " + EvalChecks.quote(id) + ": list_checkpoints shows checkpoint ids"));
        if (a.kind() != ArtifactKind.CHECKPOINT && a.kind() != ArtifactKind.MODEL) {
            throw new IllegalArgumentException("artifact " + id + " is a " + a.kind().wire()
                    + ", not a checkpoint or model: evaluate a checkpoint, a model version or a run");
        }
        return a;
    }

    /** The evaluations (with their metrics), of one subject when given, by name. */
    public List<EvalName> evalNames(EvalSubject subject) {
        List<EvalSubject> only = subject == null ? List.of() : List.of(subject);
        if (subject != null) {
            checkSubject(subject);
        }
        Map<String, List<EvalMetricCount>> byEval = new LinkedHashMap<>();
        for (EvalMetricCount m : tracking.store().evals().metrics(EvalQuery.of(only, 1))) {
            byEval.computeIfAbsent(m.evalName(), k -> new ArrayList<>()).add(m);
        }
        List<EvalName> out = new ArrayList<>();
        byEval.forEach((name,
                ms) -> out.add(new EvalName(name, ms.stream().map(EvalMetricCount::metric).toList(),
                        ms.stream().mapToLong(EvalMetricCount::results).sum(),
                        ms.stream().mapToLong(EvalMetricCount::subjects).max().orElse(0))));
        return out;
    }

    /** The (eval, metric) pairs with counts, of one evaluation and/or one subject when given. */
    public List<EvalMetricCount> metrics(String evalName, EvalSubject subject) {
        if (evalName != null) {
            EvalChecks.evalName(evalName);
        }
        if (subject != null) {
            checkSubject(subject);
        }
        return tracking.store().evals().metrics(new EvalQuery(subject == null ? List.of() : List.of(subject),
                evalName == null ? List.of() : List.of(evalName), null, 1, 0));
    }

    /** A page of raw results matching the query (its offset is ignored; the cursor says where to go on). */
    public Page<EvalResult> results(EvalQuery query, String cursor) {
        if (query.limit() > MAX_PAGE) {
            throw new IllegalArgumentException("at most " + MAX_PAGE + " results per page, got " + query.limit());
        }
        String fp = "evals|" + query.subjects() + "|" + query.evalNames() + "|" + query.metric();
        long now = tracking.clock().instant().getEpochSecond();
        long offset = Cursors.decode(cursor, fp, now);
        List<EvalResult> rows = tracking.store().evals().list(query.page(query.limit() + 1, offset));
        boolean more = rows.size() > query.limit();
        return new Page<>(more ? rows.subList(0, query.limit()) : rows,
                more ? Cursors.encode(offset + query.limit(), fp, now) : null);
    }
}
