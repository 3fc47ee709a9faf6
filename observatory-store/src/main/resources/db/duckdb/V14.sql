-- Evaluation results (issue 3): one row per (subject, eval, metric, episode/seed) value; appended, never updated.
-- subject_kind is run, checkpoint or model_version; times are epoch milliseconds.
CREATE TABLE eval_results (
    id TEXT PRIMARY KEY,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    eval_name TEXT NOT NULL,
    metric TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    episode BIGINT,
    seed BIGINT,
    step BIGINT,
    recorded_ms BIGINT NOT NULL
);
CREATE INDEX eval_results_eval ON eval_results (eval_name, metric);
CREATE INDEX eval_results_subject ON eval_results (subject_kind, subject_id, eval_name);
