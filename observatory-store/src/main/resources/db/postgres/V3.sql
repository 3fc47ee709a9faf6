-- MLflow API state (issue 2): experiment ids, lifecycle and tags of projects; MLflow key/value run tags; dataset inputs.
CREATE SEQUENCE mlflow_experiment_ids START 1;

CREATE TABLE mlflow_experiments (
    id         bigint PRIMARY KEY,
    project    text NOT NULL UNIQUE,
    deleted    boolean NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE mlflow_experiment_tags (
    experiment_id bigint NOT NULL REFERENCES mlflow_experiments (id) ON DELETE CASCADE,
    tag_key       text NOT NULL,
    tag_value     text NOT NULL,
    PRIMARY KEY (experiment_id, tag_key)
);

CREATE TABLE mlflow_run_tags (
    run_id    text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    tag_key   text NOT NULL,
    tag_value text NOT NULL,
    PRIMARY KEY (run_id, tag_key)
);

CREATE TABLE mlflow_run_inputs (
    run_id    text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq       bigint GENERATED ALWAYS AS IDENTITY,
    input_key text NOT NULL,
    body      text NOT NULL,
    PRIMARY KEY (run_id, input_key)
);
