-- Training jobs (issue 6): the stored training config (name, version) a job was started with, validated before start.
ALTER TABLE jobs ADD COLUMN config_name VARCHAR;
ALTER TABLE jobs ADD COLUMN config_version INTEGER;
