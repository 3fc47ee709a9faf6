-- Training jobs (issue 6): one row per job, updated in place as it runs. spec_json and guardrail_json are the model
-- records as JSON text (NaN kept); times are epoch milliseconds.
CREATE TABLE jobs (
    id               text PRIMARY KEY,
    project          text NOT NULL,
    run_id           text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    name             text NOT NULL,
    spec_json        text NOT NULL,
    -- pending, running, succeeded, failed, stopped, guardrail_stopped, lost
    status           text NOT NULL,
    pid              bigint,
    process_start_ms bigint,
    exit_code        integer,
    created_ms       bigint NOT NULL,
    started_ms       bigint,
    ended_ms         bigint,
    failure          text,
    error_signature  text,
    guardrail_json   text,
    log_path         text
);
CREATE INDEX jobs_created ON jobs (created_ms DESC, id);
CREATE INDEX jobs_status ON jobs (status);

-- Append-only history of each job: lifecycle changes, guardrail alerts, signals. seq orders events of equal time.
CREATE TABLE job_events (
    job_id   text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq      bigserial,
    at_ms    bigint NOT NULL,
    kind     text NOT NULL,
    severity text NOT NULL,
    message  text NOT NULL
);
CREATE INDEX job_events_job ON job_events (job_id, seq);
