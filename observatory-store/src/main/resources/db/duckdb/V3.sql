-- MLflow API state (issue 2): experiment ids, lifecycle and tags of projects; MLflow key/value run tags; dataset inputs.
CREATE SEQUENCE mlflow_experiment_ids START 1;

CREATE TABLE mlflow_experiments (
    id BIGINT PRIMARY KEY,
    project VARCHAR NOT NULL UNIQUE,
    deleted BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE mlflow_experiment_tags (
    experiment_id BIGINT NOT NULL,
    tag_key VARCHAR NOT NULL,
    tag_value VARCHAR NOT NULL,
    PRIMARY KEY (experiment_id, tag_key)
);

CREATE TABLE mlflow_run_tags (
    run_id VARCHAR NOT NULL,
    tag_key VARCHAR NOT NULL,
    tag_value VARCHAR NOT NULL,
    PRIMARY KEY (run_id, tag_key)
);

CREATE TABLE mlflow_run_inputs (
    run_id VARCHAR NOT NULL,
    seq BIGINT NOT NULL,
    input_key VARCHAR NOT NULL,
    body VARCHAR NOT NULL,
    PRIMARY KEY (run_id, input_key)
);
