package dev.observatory.store;

import dev.observatory.model.eval.EvalAggregate;
import dev.observatory.model.eval.EvalMetricCount;
import dev.observatory.model.eval.EvalQuery;
import dev.observatory.model.eval.EvalResult;
import dev.observatory.model.eval.EvalSubject;
import java.util.List;

/**
 * Evaluation results of runs, checkpoints and model versions: appended in batches, never updated. Input is validated by
 * the caller (core: finite values, bounded names, subjects that exist, ids and times assigned); the store keeps the
 * rows and answers reads served by indexes on (eval name, metric) and (subject, eval name). Times are kept at
 * millisecond precision.
 */
public interface EvalStore {

    /** Stores every result of the batch in one transaction (all or none). ConflictException on a duplicate id. */
    void append(List<EvalResult> results);

    /** A page of results matching the query, in its order. */
    List<EvalResult> list(EvalQuery query);

    /** Results matching the query's filters (ignores limit and offset). */
    long count(EvalQuery query);

    /**
     * The (eval name, metric) pairs of the results matching the query's filters, with result and subject counts,
     * ordered by eval name then metric (code point order). Ignores limit and offset.
     */
    List<EvalMetricCount> metrics(EvalQuery query);

    /** Distinct subjects of the results matching the query's filters, ordered by kind then id; a page of them. */
    List<EvalSubject> subjects(EvalQuery query);

    /**
     * Per (subject, eval name, metric) of the results matching the query's filters: count, mean, min, max and the last
     * recorded value, ordered by subject kind, subject id, eval name and metric; a page of these groups.
     */
    List<EvalAggregate> aggregates(EvalQuery query);
}
