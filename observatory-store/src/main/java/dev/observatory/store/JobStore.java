package dev.observatory.store;

import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobEvent;
import dev.observatory.model.job.JobQuery;
import dev.observatory.model.job.JobUpdate;
import dev.observatory.model.job.NewJob;
import java.util.List;
import java.util.Optional;

/**
 * Training jobs and their event history. Input is validated by the caller (core); the store checks that the job's run
 * exists (NotFoundException). Times are kept at millisecond precision; the spec and guardrail evidence are kept as
 * given (NaN values included).
 */
public interface JobStore {

    /** Records a new job with status pending; NotFoundException for an unknown run. */
    Job create(NewJob job);

    Optional<Job> get(String id);

    /** Jobs matching the query, newest first. */
    List<Job> list(JobQuery query);

    /** Jobs matching the query's filters (ignores limit and offset). */
    long count(JobQuery query);

    /** Applies the non-null fields of the update; NotFoundException for an unknown job. */
    Job update(String id, JobUpdate update);

    /** Appends an event to the job's history; NotFoundException for an unknown job. */
    void addEvent(JobEvent event);

    /** The job's events, oldest first, at most {@code limit} (the newest ones when there are more). */
    List<JobEvent> events(String jobId, int limit);
}
